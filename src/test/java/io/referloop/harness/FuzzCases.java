package io.referloop.harness;

import io.referloop.ingest.HubSpotSignatureV3;
import io.referloop.ingest.StripeSignature;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generates invalid requests for the webhook endpoints and referral links. Every request it makes must be
 * refused with a 4xx and change nothing: it is malformed, oversized, badly encoded, badly signed, signed
 * over other bytes, stale, from the future, a replay outside the window, or from another organisation.
 * A request is a pure function of its index and the seed, so a failure can be generated again.
 */
final class FuzzCases {

    static final String HUBSPOT = "hubspot";
    static final String STRIPE = "stripe";
    static final String CHARGEBEE = "chargebee";
    static final String SALESFORCE = "salesforce";
    static final String LINK = "link";
    static final List<String> ENDPOINTS = List.of(HUBSPOT, STRIPE, CHARGEBEE, SALESFORCE, LINK);

    static final String HUBSPOT_SECRET = "fuzz-hubspot-client-secret";
    static final String STRIPE_SECRET = "whsec_fuzz_current";
    static final String CHARGEBEE_USER = "chargebee";
    static final String CHARGEBEE_PASSWORD = "fuzz-pass";
    static final String ORGANISATION = "00Dxx0000000001EAA";
    static final String PUBLIC_BASE = "https://referloop.example.com";

    private static final int MIB = 1024 * 1024;
    private static final Set<Integer> BAD_REQUEST = Set.of(400);
    private static final Set<Integer> UNAUTHORISED = Set.of(401);
    private static final Set<Integer> FORBIDDEN = Set.of(403);
    private static final Set<Integer> TOO_LARGE = Set.of(413);
    private static final Set<Integer> NOT_ALLOWED = Set.of(405);

    private static final String[] CONTENT_TYPES = {null, "", "text/plain", "application/xml", "text/html",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=----x", "application/octet-stream",
            "application/json; charset=utf-16", "application/json; charset=nonsense-42", "application/json; charset=\"",
            "*/*", ";;;", "application/json, text/xml", "text/xml; charset=ISO-8859-1", "application/soap+xml"};

    /** Byte sequences that are not UTF-8: stray continuation, overlong forms, surrogates, beyond U+10FFFF, cut short. */
    private static final byte[][] BAD_UTF8 = {
            {(byte) 0x80}, {(byte) 0xBF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xC1, (byte) 0xBF},
            {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xED, (byte) 0xBF, (byte) 0xBF},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xFE}, {(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xC3, (byte) 0x28},
            {(byte) 0xC0, (byte) 0x80}, {(byte) 0xE0, (byte) 0x9F, (byte) 0xBF}};

    private static final String[] HOSTILE_CODES = {"..", "...", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "%2F", "%00",
            "ABCD%00EF", "%0d%0aSet-Cookie:%20x=1", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "'%20OR%20'1'='1",
            "ABC", "A", "%20", "%E2%80%8B", "%C0%AF", "%FF%FE", "%ED%A0%80", "ABCD;jsessionid=1", "ABCD%3B",
            "%25", "%u0041", "ABCD%09", "%F0%9F%98%80", "ABCDEFGH%2F..", "ABCDEFGH%5C..", "%2E", "AB%7C%7C",
            "ABCDEFGHJKMNPQRSTUVWXYZ23456789ABC", "ab cd", "ABCD%20EFGH", "ABCD--__", "ABCD*", "ABCD$"};

    private final long seed;
    private final HubSpotSignatureV3 hubspot = new HubSpotSignatureV3(HUBSPOT_SECRET, Clock.systemUTC());
    private final Replays replays;
    private final String advocateCode;

    /** Bodies that were accepted before the run, and the code of an active advocate. */
    record Replays(byte[] hubspot, byte[] stripe, byte[] chargebee, byte[] salesforce) {
    }

    FuzzCases(long seed, Replays replays, String advocateCode) {
        this.seed = seed;
        this.replays = replays;
        this.advocateCode = advocateCode;
    }

    FuzzRequest generate(int index) {
        // Mixed, not seed + index: java.util.Random's first draws for neighbouring seeds are correlated.
        Random random = new Random(mix(seed ^ mix(index)));
        String endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
        return switch (endpoint) {
            case HUBSPOT -> hubspot(random, index);
            case STRIPE -> stripe(random, index);
            case CHARGEBEE -> chargebee(random, index);
            case SALESFORCE -> salesforce(random, index);
            default -> link(random);
        };
    }

    // ---------------------------------------------------------------- HubSpot

    private FuzzRequest hubspot(Random r, int index) {
        int pick = r.nextInt(100);
        byte[] valid = utf8(hubspotBatch(r, index));
        if (pick < 10) {
            return hubspotSigned("garbage", garbage(r), r, BAD_REQUEST);
        } else if (pick < 17) {
            return hubspotSigned("truncated", truncate(valid, r), r, BAD_REQUEST);
        } else if (pick < 25) {
            return hubspotSigned("invalid-utf8", badUtf8(hubspotBatchWithMarker(r, index), r), r, BAD_REQUEST);
        } else if (pick < 30) {
            return hubspotSigned("foreign-encoding", foreignEncoding(new String(valid, StandardCharsets.UTF_8), r), r, BAD_REQUEST);
        } else if (pick < 32) {
            return hubspotSigned("oversize", oversizeJson(r, true), r, TOO_LARGE);
        } else if (pick < 37) {
            return hubspotSigned("nested", nestedJson(r, "[" + hubspotEvent(r, index, "\"propertyValue\":", "")), r,
                    BAD_REQUEST);
        } else if (pick < 50) {
            String[] shape = hubspotWrongShape(r, index);
            return withDetail(hubspotSigned("wrong-shape", utf8(shape[0]), r, BAD_REQUEST), shape[1]);
        } else if (pick < 62) {
            return hubspotBadSignature(valid, r);
        } else if (pick < 72) {
            return hubspotOtherBytes(valid, r);
        } else if (pick < 80) {
            boolean future = r.nextBoolean();
            long millis = System.currentTimeMillis() + (future ? 1 : -1) * (5 * 60_000L + 1_000 + (long) (r.nextDouble() * 400L * 86_400_000L));
            String ts = Long.toString(millis);
            return hubspotWith(future ? "future" : "stale", valid, hubspot.sign("POST", PUBLIC_BASE + "/webhooks/hubspot", valid, ts),
                    ts, contentType(r, "application/json"), UNAUTHORISED);
        } else if (pick < 86) {
            return hubspotReplay(r);
        } else if (pick < 90) {
            String ts = now();
            return hubspotWith("content-type", valid, "bad" + r.nextInt(1000), ts, CONTENT_TYPES[r.nextInt(CONTENT_TYPES.length)],
                    UNAUTHORISED);
        } else if (pick < 93) {
            return method(HUBSPOT, "/webhooks/hubspot", valid, r);
        } else {
            return transport(HUBSPOT, "/webhooks/hubspot", valid, r, hubspotHeaders(valid));
        }
    }

    private FuzzRequest hubspotSigned(String category, byte[] body, Random r, Set<Integer> expected) {
        String ts = now();
        if (body.length > MIB) {
            expected = TOO_LARGE;
        }
        return hubspotWith(category, body, hubspot.sign("POST", PUBLIC_BASE + "/webhooks/hubspot", body, ts), ts,
                contentType(r, "application/json"), expected);
    }

    private FuzzRequest hubspotWith(String category, byte[] body, String signature, String timestamp, String contentType,
                                    Set<Integer> expected) {
        List<String[]> headers = new ArrayList<>();
        header(headers, "Content-Type", contentType);
        header(headers, "X-HubSpot-Signature-v3", signature);
        header(headers, "X-HubSpot-Request-Timestamp", timestamp);
        return FuzzRequest.http(HUBSPOT, category, category, "POST", "/webhooks/hubspot", headers, body, expected);
    }

    private List<String[]> hubspotHeaders(byte[] body) {
        String ts = now();
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Content-Type", "application/json"});
        headers.add(new String[] {"X-HubSpot-Signature-v3", hubspot.sign("POST", PUBLIC_BASE + "/webhooks/hubspot", body, ts)});
        headers.add(new String[] {"X-HubSpot-Request-Timestamp", ts});
        return headers;
    }

    private FuzzRequest hubspotBadSignature(byte[] body, Random r) {
        String ts = now();
        String good = hubspot.sign("POST", PUBLIC_BASE + "/webhooks/hubspot", body, ts);
        String[][] variants = {
                {null, ts, "no signature"}, {"", ts, "empty signature"}, {good, null, "no timestamp"}, {good, "", "empty timestamp"},
                {good, "yesterday", "timestamp not a number"}, {good, ts + "000", "timestamp in microseconds"},
                {good, "-" + ts, "negative timestamp"}, {good, "9223372036854775807", "timestamp Long.MAX"},
                {good, "-9223372036854775808", "timestamp Long.MIN"}, {good, "99999999999999999999999", "timestamp overflow"},
                {good, Long.toString(Long.parseLong(ts) / 1000), "timestamp in seconds"},
                {new HubSpotSignatureV3("wrong-secret", Clock.systemUTC()).sign("POST", PUBLIC_BASE + "/webhooks/hubspot", body, ts), ts, "wrong secret"},
                {good.substring(0, 43), ts, "truncated signature"}, {good + "=", ts, "padded signature"},
                {good.replace('+', '-').replace('/', '_'), ts, "base64url signature"},
                {HexFormat.of().formatHex(Base64.getDecoder().decode(good)), ts, "hex signature"},
                {flipChar(good, r), ts, "one character changed"}, {good + "," + good, ts, "two signatures"},
                {"sha256=" + good, ts, "prefixed signature"}, {"A".repeat(4000 + r.nextInt(3000)), ts, "long signature"},
                {good.toLowerCase(), ts, "lower-cased signature"}, {Base64.getEncoder().encodeToString(new byte[32]), ts, "zero signature"},
                {hubspotV1(body), ts, "v1 signature in the v3 header"}};
        String[] v = variants[r.nextInt(variants.length)];
        if (v[0] != null && v[0].equals(good) && v[1] != null && v[1].equals(ts)) {
            // A signature without '+', '/' or capitals is its own base64url or lower-cased form.
            v = new String[] {flipChar(good, r), ts, "one character changed"};
        }
        FuzzRequest request = hubspotWith("bad-signature", body, v[0], v[1], contentType(r, "application/json"), UNAUTHORISED);
        return withDetail(request, v[2]);
    }

    private FuzzRequest hubspotOtherBytes(byte[] body, Random r) {
        String ts = now();
        String uri = PUBLIC_BASE + "/webhooks/hubspot";
        int variant = r.nextInt(9);
        String detail;
        String signature;
        byte[] sent = body;
        switch (variant) {
            case 0 -> { detail = "body changed after signing"; sent = mutate(body, r); signature = hubspot.sign("POST", uri, body, ts); }
            case 1 -> { detail = "whitespace appended after signing"; sent = concat(body, utf8(" ")); signature = hubspot.sign("POST", uri, body, ts); }
            case 2 -> { detail = "signed for http"; signature = hubspot.sign("POST", uri.replace("https:", "http:"), body, ts); }
            case 3 -> { detail = "signed for another host"; signature = hubspot.sign("POST", "https://evil.example.com/webhooks/hubspot", body, ts); }
            case 4 -> { detail = "signed for GET"; signature = hubspot.sign("GET", uri, body, ts); }
            case 5 -> { detail = "signed with a trailing slash"; signature = hubspot.sign("POST", uri + "/", body, ts); }
            case 6 -> { detail = "signed with another timestamp"; signature = hubspot.sign("POST", uri, body, Long.toString(Long.parseLong(ts) - 1)); }
            case 7 -> { detail = "signed over the empty body"; signature = hubspot.sign("POST", uri, new byte[0], ts); }
            default -> { detail = "signed over a body prefix"; signature = hubspot.sign("POST", uri, Arrays.copyOf(body, body.length / 2), ts); }
        }
        return withDetail(hubspotWith("other-bytes", sent, signature, ts, contentType(r, "application/json"), UNAUTHORISED), detail);
    }

    private FuzzRequest hubspotReplay(Random r) {
        byte[] body = replays.hubspot();
        String uri = PUBLIC_BASE + "/webhooks/hubspot";
        long stale = System.currentTimeMillis() - 5 * 60_000L - 1_000 - r.nextInt(86_400_000);
        String staleTs = Long.toString(stale);
        String ts = now();
        return switch (r.nextInt(4)) {
            case 0 -> withDetail(hubspotWith("replay", body, hubspot.sign("POST", uri, body, staleTs), staleTs, "application/json", UNAUTHORISED),
                    "accepted body, stale signature");
            case 1 -> withDetail(hubspotWith("replay", body, hubspot.sign("POST", uri, body, staleTs), ts, "application/json", UNAUTHORISED),
                    "stale signature with a fresh timestamp");
            case 2 -> {
                FuzzRequest request = hubspotWith("replay", body, hubspot.sign("POST", uri, body, ts), ts, "application/json", UNAUTHORISED);
                yield new FuzzRequest(HUBSPOT, "replay", "signed URI differs (query added)", "POST", "/webhooks/hubspot?replay=1",
                        request.headers(), body, null, false, UNAUTHORISED);
            }
            default -> {
                String future = Long.toString(System.currentTimeMillis() + 5 * 60_000L + 1_000 + r.nextInt(86_400_000));
                yield withDetail(hubspotWith("replay", body, hubspot.sign("POST", uri, body, future), future, "application/json", UNAUTHORISED),
                        "accepted body, future signature");
            }
        };
    }

    private static String hubspotBatch(Random r, int index) {
        int n = 1 + r.nextInt(3);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(hubspotEvent(r, index * 10 + i, "", ""));
        }
        return "[" + String.join(",", events) + "]";
    }

    private static String hubspotBatchWithMarker(Random r, int index) {
        return "[" + hubspotEvent(r, index, "", "") + "," + hubspotEvent(r, index + 1, "\"propertyValue\":\"Zo@@BAD@@\",", "") + "]";
    }

    /** {@code extra} is spliced in before the closing brace: a prefix of a member that a caller completes. */
    private static String hubspotEvent(Random r, long id, String extra, String suffix) {
        String body = "{\"eventId\":" + (1_000_000_000L + id) + ",\"subscriptionId\":25,\"portalId\":62515,\"appId\":1160452,"
                + "\"occurredAt\":" + (1_700_000_000_000L + r.nextInt(1_000_000)) + ",\"subscriptionType\":\"company.creation\","
                + "\"attemptNumber\":0,\"objectId\":" + (1 + r.nextInt(1_000_000_000)) + ",\"changeSource\":\"CRM\""
                + (extra.isEmpty() ? "}" : "," + extra);
        return body + suffix;
    }

    private static String[] hubspotWrongShape(Random r, int index) {
        String good = hubspotEvent(r, index, "", "");
        String[] shapes = {
                good, "{\"events\":[" + good + "]}", "[" + good + ",1]", "[[" + good + "]]", "[null]", "[\"" + index + "\"]", "[true]",
                "[{}]", "[" + good.replace("\"subscriptionType\":\"company.creation\"", "\"subscriptionType\":null") + "]",
                "[" + good.replace("\"subscriptionType\":\"company.creation\"", "\"subscriptionType\":\"\"") + "]",
                "[" + good.replace("\"subscriptionType\":\"company.creation\"", "\"subscriptionType\":{\"a\":1}") + "]",
                "[" + good.replace("\"subscriptionType\":\"company.creation\"", "\"subscriptionType\":42") + "]",
                "[" + good.replace("\"subscriptionType\":\"company.creation\"", "\"subscriptionType\":\"" + "x".repeat(101 + r.nextInt(2000)) + "\"") + "]",
                "[" + good.replaceAll("\"objectId\":\\d+", "\"objectId\":null") + "]",
                "[" + good.replaceAll("\"objectId\":\\d+", "\"objectId\":[1]") + "]",
                "[" + good.replaceAll("\"objectId\":\\d+", "\"objectId\":true") + "]",
                "[" + good.replaceAll("\"objectId\":\\d+", "\"objectId\":1.5") + "]",
                "[" + good.replaceAll("\"objectId\":\\d+", "\"objectId\":\"" + "9".repeat(101 + r.nextInt(500)) + "\"") + "]",
                "[" + good.replaceAll("\"objectId\":\\d+", "\"objectId\":\"12\\\\u00003\"") + "]",
                "[" + good.replaceAll("\"objectId\":\\d+", "\"objectId\":\" \"") + "]",
                "[" + good.replaceAll(",\"objectId\":\\d+", "") + "]",
                "[" + good.replaceAll("\"occurredAt\":\\d+", "\"occurredAt\":\"yesterday\"") + "]",
                "[" + good.replaceAll("\"occurredAt\":\\d+", "\"occurredAt\":1e400") + "]",
                "[" + good.replaceAll("\"occurredAt\":\\d+", "\"occurredAt\":" + "9".repeat(30)) + "]",
                "[" + good.replaceAll("\"occurredAt\":\\d+", "\"occurredAt\":" + "1".repeat(1200 + r.nextInt(5000))) + "]",
                "[" + good.replaceAll("\"occurredAt\":\\d+", "\"occurredAt\":null") + "]",
                "[" + good.replaceAll(",\"occurredAt\":\\d+", "") + "]",
                "[" + good.replace("\"subscriptionType\":\"company.creation\"", "\"subscriptionType\":\"company.creation\\u0000\"") + "]",
                "[" + good + "," + good.replaceAll("\"objectId\":\\d+", "\"objectId\":{}") + "]",
                "[" + good + "]" + "]", "[" + good + "]{}", "[" + good + "] trailing", "[" + good + "]\u0000",
                "[" + good + ",]", "[" + good.replace("{", "{,") + "]", "[" + good.replace("\"eventId\"", "eventId") + "]",
                "[" + good.replace("\"", "'") + "]", "/* comment */[" + good + "]", "[" + good.substring(0, good.length() - 1) + ",\"a\":NaN}]"};
        int k = r.nextInt(shapes.length);
        return new String[] {shapes[k], "shape " + k};
    }

    private static String hubspotV1(byte[] body) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(utf8(HUBSPOT_SECRET));
            return HexFormat.of().formatHex(sha.digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- Stripe

    private FuzzRequest stripe(Random r, int index) {
        int pick = r.nextInt(100);
        byte[] valid = utf8(stripeEvent(index, "Zoë"));
        if (pick < 10) {
            return stripeSigned("garbage", garbage(r), r, BAD_REQUEST);
        } else if (pick < 17) {
            return stripeSigned("truncated", truncate(valid, r), r, BAD_REQUEST);
        } else if (pick < 25) {
            return stripeSigned("invalid-utf8", badUtf8(stripeEvent(index, "Zo@@BAD@@"), r), r, BAD_REQUEST);
        } else if (pick < 30) {
            return stripeSigned("foreign-encoding", foreignEncoding(stripeEvent(index, "Zoë"), r), r, BAD_REQUEST);
        } else if (pick < 32) {
            return stripeSigned("oversize", oversizeJson(r, false), r, TOO_LARGE);
        } else if (pick < 37) {
            return stripeSigned("nested", nestedJson(r, "{\"id\":\"evt_fuzz" + index
                    + "\",\"type\":\"customer.updated\",\"data\":{\"object\":{\"id\":\"cus_1\"}},\"x\":"), r, BAD_REQUEST);
        } else if (pick < 50) {
            String[] shape = stripeWrongShape(r, index);
            return withDetail(stripeSigned("wrong-shape", utf8(shape[0]), r, BAD_REQUEST), shape[1]);
        } else if (pick < 62) {
            return stripeBadSignature(valid, r);
        } else if (pick < 72) {
            return stripeOtherBytes(valid, r);
        } else if (pick < 80) {
            boolean future = r.nextBoolean();
            long t = System.currentTimeMillis() / 1000 + (future ? 1 : -1) * (301 + (long) (r.nextDouble() * 400L * 86_400));
            return stripeWith(future ? "future" : "stale", valid, "t=" + t + ",v1=" + StripeSignature.sign(STRIPE_SECRET, t, valid),
                    contentType(r, "application/json"), UNAUTHORISED);
        } else if (pick < 86) {
            byte[] body = replays.stripe();
            long t = System.currentTimeMillis() / 1000 - 301 - r.nextInt(86_400);
            String signature = StripeSignature.sign(STRIPE_SECRET, t, body);
            return withDetail(switch (r.nextInt(3)) {
                case 0 -> stripeWith("replay", body, "t=" + t + ",v1=" + signature, "application/json", UNAUTHORISED);
                case 1 -> stripeWith("replay", body, "t=" + (System.currentTimeMillis() / 1000) + ",v1=" + signature, "application/json", UNAUTHORISED);
                default -> {
                    long future = System.currentTimeMillis() / 1000 + 301 + r.nextInt(86_400);
                    yield stripeWith("replay", body, "t=" + future + ",v1=" + StripeSignature.sign(STRIPE_SECRET, future, body),
                            "application/json", UNAUTHORISED);
                }
            }, "accepted event outside the window");
        } else if (pick < 90) {
            return stripeWith("content-type", valid, "t=" + (System.currentTimeMillis() / 1000) + ",v1=" + "0".repeat(64),
                    CONTENT_TYPES[r.nextInt(CONTENT_TYPES.length)], UNAUTHORISED);
        } else if (pick < 93) {
            return method(STRIPE, "/webhooks/stripe", valid, r);
        } else {
            long t = System.currentTimeMillis() / 1000;
            List<String[]> headers = new ArrayList<>();
            headers.add(new String[] {"Content-Type", "application/json"});
            headers.add(new String[] {"Stripe-Signature", "t=" + t + ",v1=" + StripeSignature.sign(STRIPE_SECRET, t, valid)});
            return transport(STRIPE, "/webhooks/stripe", valid, r, headers);
        }
    }

    private FuzzRequest stripeSigned(String category, byte[] body, Random r, Set<Integer> expected) {
        long t = System.currentTimeMillis() / 1000;
        if (body.length > MIB) {
            expected = TOO_LARGE;
        }
        return stripeWith(category, body, "t=" + t + ",v1=" + StripeSignature.sign(STRIPE_SECRET, t, body),
                contentType(r, "application/json"), expected);
    }

    private FuzzRequest stripeWith(String category, byte[] body, String signature, String contentType, Set<Integer> expected) {
        List<String[]> headers = new ArrayList<>();
        header(headers, "Content-Type", contentType);
        header(headers, "Stripe-Signature", signature);
        return FuzzRequest.http(STRIPE, category, category, "POST", "/webhooks/stripe", headers, body, expected);
    }

    private FuzzRequest stripeBadSignature(byte[] body, Random r) {
        long t = System.currentTimeMillis() / 1000;
        String good = StripeSignature.sign(STRIPE_SECRET, t, body);
        String[][] variants = {
                {null, "no header"}, {"", "empty header"}, {"t=" + t, "no v1"}, {"v1=" + good, "no t"},
                {"t=" + t + ",v0=" + good, "v0 scheme only"}, {"t=" + t + ",v1=" + StripeSignature.sign("whsec_wrong", t, body), "wrong secret"},
                {"t=abc,v1=" + good, "t not a number"}, {"t=-" + t + ",v1=" + good, "negative t"},
                {"t=" + t + "000,v1=" + good, "t in milliseconds"}, {"t=99999999999999999999,v1=" + good, "t overflow"},
                {"t=9223372036854775807,v1=" + good, "t Long.MAX"}, {"t=" + t + ",v1=" + good.toUpperCase(), "upper-case hex"},
                {"t=" + t + ",v1=" + good.substring(0, 63), "truncated v1"}, {"t=" + t + ",v1=" + flipChar(good, r), "one character changed"},
                {"t=" + t + ",v1=" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(good)), "base64 v1"},
                {"t=" + t + ";v1=" + good, "semicolon separator"}, {"t=" + t + ",v1=" + "0".repeat(64), "zero v1"},
                {"t=" + t + "," + ",v1=x".repeat(500 + r.nextInt(500)), "a thousand wrong v1"},
                {"t=" + (t - 1) + ",v1=" + good, "t differs from the signed one"}, {"=,=,=,", "empty pairs"},
                {"t=,v1=" + good, "empty t"},
                {"t=" + t + ",t=0,v1=" + good, "second t"}};
        String[] v = variants[r.nextInt(variants.length)];
        return withDetail(stripeWith("bad-signature", body, v[0], contentType(r, "application/json"), UNAUTHORISED), v[1]);
    }

    private FuzzRequest stripeOtherBytes(byte[] body, Random r) {
        long t = System.currentTimeMillis() / 1000;
        byte[] sent = body;
        String detail;
        String signature;
        switch (r.nextInt(5)) {
            case 0 -> { detail = "body changed after signing"; sent = mutate(body, r); signature = StripeSignature.sign(STRIPE_SECRET, t, body); }
            case 1 -> { detail = "newline appended after signing"; sent = concat(body, utf8("\n")); signature = StripeSignature.sign(STRIPE_SECRET, t, body); }
            case 2 -> { detail = "signed over the empty body"; signature = StripeSignature.sign(STRIPE_SECRET, t, new byte[0]); }
            case 3 -> { detail = "re-encoded with \\u escapes after signing"; sent = utf8(new String(body, StandardCharsets.UTF_8).replace("ë", "\\u00eb")); signature = StripeSignature.sign(STRIPE_SECRET, t, body); }
            default -> { detail = "signed over a body prefix"; signature = StripeSignature.sign(STRIPE_SECRET, t, Arrays.copyOf(body, body.length - 1)); }
        }
        return withDetail(stripeWith("other-bytes", sent, "t=" + t + ",v1=" + signature, contentType(r, "application/json"), UNAUTHORISED), detail);
    }

    static String stripeEvent(long index, String name) {
        return "{\"id\":\"evt_fuzz" + index + "\",\"object\":\"event\",\"api_version\":\"2026-03-25.dahlia\",\"created\":1750000000,"
                + "\"type\":\"customer.updated\",\"livemode\":false,\"pending_webhooks\":1,"
                + "\"data\":{\"object\":{\"id\":\"cus_" + index + "\",\"object\":\"customer\",\"email\":\"fuzz@example.com\",\"name\":\"" + name + "\"}}}";
    }

    private static String[] stripeWrongShape(Random r, int index) {
        String good = stripeEvent(index, "Zoë");
        String[] shapes = {
                "[" + good + "]", "{}", "{\"id\":\"evt_" + index + "\"}", good.replace("\"id\":\"evt_fuzz" + index + "\"", "\"id\":" + index),
                good.replace("\"id\":\"evt_fuzz" + index + "\"", "\"id\":null"), good.replace("\"id\":\"evt_fuzz" + index + "\",", ""),
                good.replace("\"type\":\"customer.updated\"", "\"type\":null"), good.replace("\"type\":\"customer.updated\"", "\"type\":[\"a\"]"),
                good.replace("\"type\":\"customer.updated\",", ""), good.replace("\"data\":{\"object\":", "\"data\":{\"obj\":"),
                good.replace("\"data\":{\"object\":{", "\"data\":{\"object\":[{").replace("}}}", "}]}}"),
                good.replace("\"data\":{", "\"data\":[{").replace("}}}", "}}]}"),
                good.replace("\"id\":\"evt_fuzz" + index + "\"", "\"id\":\"evt_" + "x".repeat(256 + r.nextInt(2000)) + "\""),
                good.replace("\"type\":\"customer.updated\"", "\"type\":\"" + "t".repeat(101 + r.nextInt(2000)) + "\""),
                good.replace("\"id\":\"cus_" + index + "\"", "\"id\":\"cus_" + "c".repeat(101 + r.nextInt(2000)) + "\""),
                good.replace("\"id\":\"evt_fuzz" + index + "\"", "\"id\":\"evt_\\u0000" + index + "\""),
                good.replace("\"id\":\"evt_fuzz" + index + "\"", "\"id\":\"\""), good.replace("\"id\":\"evt_fuzz" + index + "\"", "\"id\":\"   \""),
                good.replace("\"type\":\"customer.updated\"", "\"type\":\"\""),
                good.replace("\"type\":\"customer.updated\"", "\"type\":\"customer.\\u0007updated\""),
                good + "}", good + "{}", good + " trailing", good + "\u0000", "null", "\"evt\"", good.replace("\"", "'")};
        int k = r.nextInt(shapes.length);
        return new String[] {shapes[k], "shape " + k};
    }

    // ---------------------------------------------------------------- Chargebee

    private FuzzRequest chargebee(Random r, int index) {
        int pick = r.nextInt(100);
        byte[] valid = utf8(chargebeeEvent(index, "Zoë"));
        if (pick < 10) {
            return chargebeeAuthorised("garbage", garbage(r), r, BAD_REQUEST);
        } else if (pick < 17) {
            return chargebeeAuthorised("truncated", truncate(valid, r), r, BAD_REQUEST);
        } else if (pick < 25) {
            return chargebeeAuthorised("invalid-utf8", badUtf8(chargebeeEvent(index, "Zo@@BAD@@"), r), r, BAD_REQUEST);
        } else if (pick < 30) {
            return chargebeeAuthorised("foreign-encoding", foreignEncoding(chargebeeEvent(index, "Zoë"), r), r, BAD_REQUEST);
        } else if (pick < 33) {
            boolean authorised = r.nextBoolean();
            byte[] body = oversizeJson(r, false);
            return chargebeeWith("oversize", body, authorised ? goodBasic() : badBasic(r)[0], "application/json",
                    authorised ? TOO_LARGE : UNAUTHORISED);
        } else if (pick < 38) {
            return chargebeeAuthorised("nested", nestedJson(r, "{\"id\":\"ev_fuzz" + index
                    + "\",\"event_type\":\"customer_created\",\"content\":{},\"x\":"),
                    r, BAD_REQUEST);
        } else if (pick < 52) {
            String[] shape = chargebeeWrongShape(r, index);
            return withDetail(chargebeeAuthorised("wrong-shape", utf8(shape[0]), r, BAD_REQUEST), shape[1]);
        } else if (pick < 75) {
            String[] bad = badBasic(r);
            return withDetail(chargebeeWith("bad-auth", valid, bad[0], contentType(r, "application/json"), UNAUTHORISED), bad[1]);
        } else if (pick < 84) {
            String[] bad = badBasic(r);
            return withDetail(chargebeeWith("replay", replays.chargebee(), bad[0], "application/json", UNAUTHORISED),
                    "accepted event, " + bad[1]);
        } else if (pick < 89) {
            return chargebeeWith("content-type", valid, badBasic(r)[0], CONTENT_TYPES[r.nextInt(CONTENT_TYPES.length)], UNAUTHORISED);
        } else if (pick < 92) {
            return method(CHARGEBEE, "/webhooks/chargebee", valid, r);
        } else {
            List<String[]> headers = new ArrayList<>();
            headers.add(new String[] {"Content-Type", "application/json"});
            headers.add(new String[] {"Authorization", goodBasic()});
            return transport(CHARGEBEE, "/webhooks/chargebee", valid, r, headers);
        }
    }

    private FuzzRequest chargebeeAuthorised(String category, byte[] body, Random r, Set<Integer> expected) {
        return chargebeeWith(category, body, goodBasic(), contentType(r, "application/json"), body.length > MIB ? TOO_LARGE : expected);
    }

    private FuzzRequest chargebeeWith(String category, byte[] body, String authorization, String contentType, Set<Integer> expected) {
        List<String[]> headers = new ArrayList<>();
        header(headers, "Content-Type", contentType);
        header(headers, "Authorization", authorization);
        return FuzzRequest.http(CHARGEBEE, category, category, "POST", "/webhooks/chargebee", headers, body, expected);
    }

    static String goodBasic() {
        return "Basic " + Base64.getEncoder().encodeToString(utf8(CHARGEBEE_USER + ":" + CHARGEBEE_PASSWORD));
    }

    private static String[] badBasic(Random r) {
        String[][] variants = {
                {null, "no Authorization"}, {"", "empty Authorization"}, {"Basic", "scheme only"}, {"Basic ", "scheme and space"},
                {"Basic " + b64(CHARGEBEE_USER + ":wrong"), "wrong password"}, {"Basic " + b64("admin:" + CHARGEBEE_PASSWORD), "wrong user"},
                {"Basic " + b64(CHARGEBEE_USER + ":"), "empty password"}, {"Basic " + b64(":" + CHARGEBEE_PASSWORD), "empty user"},
                {"Basic " + b64(CHARGEBEE_USER + CHARGEBEE_PASSWORD), "no colon"}, {"Basic !!!not-base64!!!", "not base64"},
                {"Basic " + b64(CHARGEBEE_USER + ":" + CHARGEBEE_PASSWORD).replace("=", ""), "padding removed"},
                {"Bearer " + CHARGEBEE_PASSWORD, "bearer scheme"}, {"Digest username=\"chargebee\"", "digest scheme"},
                {"Basic " + b64(CHARGEBEE_USER + ":" + CHARGEBEE_PASSWORD + "\n"), "password with a newline"},
                {"Basic " + b64(CHARGEBEE_USER + ":" + CHARGEBEE_PASSWORD.toUpperCase()), "password in upper case"},
                {"Basic " + b64(CHARGEBEE_USER + ":" + CHARGEBEE_PASSWORD) + "x", "extra character"},
                {"Basic " + b64(CHARGEBEE_USER + ":" + CHARGEBEE_PASSWORD) + ", Basic x", "two credentials"},
                {"Basic " + "QUFB".repeat(1000 + r.nextInt(800)), "long credentials"},
                {"Basic " + Base64.getEncoder().encodeToString((CHARGEBEE_USER + ":fuzz-päss").getBytes(StandardCharsets.ISO_8859_1)), "latin-1 credentials"},
                {"Basic " + b64(CHARGEBEE_USER + ":" + CHARGEBEE_PASSWORD.substring(1)), "password prefix cut"}};
        return variants[r.nextInt(variants.length)];
    }

    static String chargebeeEvent(long index, String name) {
        return "{\"id\":\"ev_fuzz" + index + "\",\"occurred_at\":1750000000,\"source\":\"admin_console\",\"object\":\"event\","
                + "\"api_version\":\"v2\",\"event_type\":\"customer_created\",\"content\":{\"customer\":{\"id\":\"cb_" + index
                + "\",\"email\":\"fuzz@example.com\",\"first_name\":\"" + name + "\"}}}";
    }

    private static String[] chargebeeWrongShape(Random r, int index) {
        String good = chargebeeEvent(index, "Zoë");
        String id = "\"id\":\"ev_fuzz" + index + "\"";
        String[] shapes = {
                "[" + good + "]", "{}", good.replace(id, "\"id\":" + index), good.replace(id, "\"id\":null"), good.replace(id + ",", ""),
                good.replace("\"event_type\":\"customer_created\"", "\"event_type\":7"), good.replace("\"event_type\":\"customer_created\",", ""),
                good.replace("\"content\":{", "\"content\":[{").replace("}}}", "}}]}"), good.replace("\"content\":", "\"contents\":"),
                good.replace(id, "\"id\":\"ev_" + "x".repeat(256 + r.nextInt(2000)) + "\""),
                good.replace("\"event_type\":\"customer_created\"", "\"event_type\":\"" + "e".repeat(101 + r.nextInt(2000)) + "\""),
                good.replace(id, "\"id\":\"ev\\u0000fuzz\""), good.replace(id, "\"id\":\"\""), good.replace(id, "\"id\":\"\\t\\n\""),
                good.replace("\"event_type\":\"customer_created\"", "\"event_type\":\"\""),
                good + "]", good + " x", good + "\u0000", "0", "[]", good.replace("\"", "'")};
        int k = r.nextInt(shapes.length);
        return new String[] {shapes[k], "shape " + k};
    }

    // ---------------------------------------------------------------- Salesforce

    private FuzzRequest salesforce(Random r, int index) {
        int pick = r.nextInt(100);
        String notification = "04lFUZZ" + String.format("%011d", index);
        byte[] valid = utf8(salesforceMessage(ORGANISATION, notification, "Account", "Zoë"));
        if (pick < 10) {
            return salesforceWith("garbage", garbage(r), contentType(r, "text/xml; charset=utf-8"), BAD_REQUEST);
        } else if (pick < 17) {
            return salesforceWith("truncated", truncate(valid, r), "text/xml; charset=utf-8", BAD_REQUEST);
        } else if (pick < 25) {
            return salesforceWith("invalid-utf8", badUtf8(salesforceMessage(ORGANISATION, notification, "Account", "Zo@@BAD@@"), r),
                    "text/xml; charset=utf-8", BAD_REQUEST);
        } else if (pick < 27) {
            return salesforceWith("oversize", oversizeXml(r, notification), "text/xml; charset=utf-8", TOO_LARGE);
        } else if (pick < 33) {
            return salesforceWith("nested", nestedXml(r, notification), "text/xml; charset=utf-8", BAD_REQUEST);
        } else if (pick < 43) {
            return salesforceWith("dtd", utf8(salesforceDtd(r, notification)), "text/xml; charset=utf-8", BAD_REQUEST);
        } else if (pick < 60) {
            String[] shape = salesforceWrongShape(r, notification);
            return withDetail(salesforceWith("wrong-shape", utf8(shape[0]), contentType(r, "text/xml; charset=utf-8"), BAD_REQUEST), shape[1]);
        } else if (pick < 78) {
            String[] org = {"00Dyy0000000002EAA", "00Dyy0000000002", "00Dxx000000000", "00DXX0000000001EAA", "00dxx0000000001eaa",
                    "00Dxx0000000001EA", "00Dxx0000000001EAAX", "00Dxx0000000001EAA00Dxx0000000001EAA", "00Dxx0000000001" + "Z".repeat(40),
                    " 00Dyy0000000002EAA ", "00Dxx00000000010EAA", "' OR 1=1 --", "x".repeat(3000)};
            String chosen = org[r.nextInt(org.length)];
            return withDetail(salesforceWith("wrong-org", utf8(salesforceMessage(chosen, notification, "Contact", "Zoë")),
                    contentType(r, "text/xml; charset=utf-8"), FORBIDDEN), "organisation " + abbreviate(chosen));
        } else if (pick < 86) {
            String replay = new String(replays.salesforce(), StandardCharsets.UTF_8);
            return withDetail(salesforceWith("replay", utf8(replay.replace(ORGANISATION, "00Dyy0000000002EAA")), "text/xml; charset=utf-8",
                    FORBIDDEN), "accepted message from another organisation");
        } else if (pick < 90) {
            return salesforceWith("content-type", utf8(salesforceMessage("00Dyy0000000002EAA", notification, "Contact", "Zoë")),
                    CONTENT_TYPES[r.nextInt(CONTENT_TYPES.length)], FORBIDDEN);
        } else if (pick < 93) {
            return method(SALESFORCE, "/webhooks/salesforce", valid, r);
        } else {
            List<String[]> headers = new ArrayList<>();
            headers.add(new String[] {"Content-Type", "text/xml; charset=utf-8"});
            headers.add(new String[] {"SOAPAction", "\"\""});
            return transport(SALESFORCE, "/webhooks/salesforce", valid, r, headers);
        }
    }

    private static FuzzRequest salesforceWith(String category, byte[] body, String contentType, Set<Integer> expected) {
        List<String[]> headers = new ArrayList<>();
        header(headers, "Content-Type", contentType);
        headers.add(new String[] {"SOAPAction", "\"\""});
        return FuzzRequest.http(SALESFORCE, category, category, "POST", "/webhooks/salesforce", headers, body,
                body.length > MIB ? TOO_LARGE : expected);
    }

    static String salesforceMessage(String org, String notificationId, String type, String name) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + envelopeStart() + "<OrganizationId>" + org + "</OrganizationId>"
                + "<ActionId>04kxx0000000001AAA</ActionId><SessionId xsi:nil=\"true\"/>"
                + "<EnterpriseUrl>https://example.my.salesforce.com/services/Soap/c/66.0/00Dxx</EnterpriseUrl>"
                + "<PartnerUrl>https://example.my.salesforce.com/services/Soap/u/66.0/00Dxx</PartnerUrl>"
                + notification(notificationId, type, name) + "</notifications></soapenv:Body></soapenv:Envelope>";
    }

    private static String envelopeStart() {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<soapenv:Body><notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\">";
    }

    private static String notification(String id, String type, String name) {
        return "<Notification><Id>" + id + "</Id><sObject xsi:type=\"sf:" + type + "\" xmlns:sf=\"urn:sobject.enterprise.soap.sforce.com\">"
                + "<sf:Id>001xx000003DGb2AAG</sf:Id><sf:Name>" + name + "</sf:Name></sObject></Notification>";
    }

    private static String salesforceDtd(Random r, String notification) {
        String message = salesforceMessage(ORGANISATION, notification, "Contact", "&e;").replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "");
        String[] doctypes = {
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>",
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"http://127.0.0.1:1/xxe\">]>",
                "<!DOCTYPE x [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/p.dtd\"> %p;]>",
                "<!DOCTYPE x SYSTEM \"http://127.0.0.1:1/x.dtd\">",
                "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                        + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">]>",
                "<!DOCTYPE x [<!ENTITY e \"&e;\">]>",
                "<!DOCTYPE x [<!ELEMENT x ANY><!ATTLIST x a CDATA \"b\"><!ENTITY e \"ok\">]>",
                "<!DOCTYPE soapenv:Envelope PUBLIC \"-//x//EN\" \"file:///dev/random\">"};
        String doctype = doctypes[r.nextInt(doctypes.length)];
        return (r.nextBoolean() ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" : "") + doctype + message;
    }

    private static String[] salesforceWrongShape(Random r, String id) {
        String good = salesforceMessage(ORGANISATION, id, "Contact", "Zoë");
        String body = good.substring(good.indexOf("<soapenv:Envelope"));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= 100; i++) {
            many.append(notification(id + "M" + i, "Contact", "Zoë"));
        }
        String[] shapes = {
                body.replace("http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope"),
                body.replace("http://soap.sforce.com/2005/09/outbound", "http://soap.sforce.com/2005/09/inbound"),
                body.replace("xmlns=\"http://soap.sforce.com/2005/09/outbound\"", ""),
                body.replace("<OrganizationId>" + ORGANISATION + "</OrganizationId>", ""),
                body.replace("<OrganizationId>" + ORGANISATION + "</OrganizationId>", "<OrganizationId>  </OrganizationId>"),
                body.replaceAll("<Notification>.*</Notification>", ""),
                body.replace("</PartnerUrl>", "</PartnerUrl>" + many),
                body.replace("<Id>" + id + "</Id>", ""), body.replace("<Id>" + id + "</Id>", "<Id></Id>"),
                body.replaceAll("<sObject .*</sObject>", ""), body.replace(" xsi:type=\"sf:Contact\"", ""),
                body.replace("xsi:type=\"sf:Contact\"", "xsi:type=\"sf:\""),
                body.replace("<sf:Id>001xx000003DGb2AAG</sf:Id>", ""),
                body.replace("<sf:Id>001xx000003DGb2AAG</sf:Id>", "<sf:Id xsi:nil=\"true\"/>"),
                body.replace("<Id>" + id + "</Id>", "<Id>" + "N".repeat(256 + r.nextInt(3000)) + "</Id>"),
                body.replace("xsi:type=\"sf:Contact\"", "xsi:type=\"sf:" + "T".repeat(100 + r.nextInt(3000)) + "\""),
                body.replace("<sf:Id>001xx000003DGb2AAG</sf:Id>", "<sf:Id>" + "0".repeat(101 + r.nextInt(3000)) + "</sf:Id>"),
                body.replace("<Id>" + id + "</Id>", "<Id>04l&#1;" + id + "</Id>"),
                body.replace("<Id>" + id + "</Id>", "<Id>" + id + "&#x7f;&#x1b;</Id>"),
                body.replace("<sf:Id>001xx000003DGb2AAG</sf:Id>", "<sf:Id>001xx0000&#9;03DGb2AAG</sf:Id>"),
                "<notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\"/>", "<Envelope/>",
                "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"/>",
                body + "<extra/>", body + "garbage", body.replace("</soapenv:Envelope>", ""), body.replace("soapenv:Body", "soapenv:Bdy>"),
                "{\"OrganizationId\":\"" + ORGANISATION + "\"}", "", "<?xml version=\"1.0\"?>",
                "<?xml version=\"1.1\"?>" + body.replace("<Id>" + id + "</Id>", "<Id>04l&#1;" + id + "</Id>")};
        int k = r.nextInt(shapes.length);
        return new String[] {shapes[k], "shape " + k};
    }

    private static byte[] oversizeXml(Random r, String notification) {
        String message = salesforceMessage("00Dyy0000000002EAA", notification, "Contact", "PAD");
        int size = MIB + 1 + r.nextInt(MIB / 2);
        return utf8(message.replace("PAD", "x".repeat(size - message.length() + 3)));
    }

    private static byte[] nestedXml(Random r, String notification) {
        int depth = 101 + r.nextInt(r.nextBoolean() ? 1_000 : 140_000);
        String inner = "<a>".repeat(depth) + "x" + "</a>".repeat(depth);
        String org = r.nextBoolean() ? ORGANISATION : "00Dyy0000000002EAA";
        return utf8(salesforceMessage(org, notification, "Contact", inner));
    }

    // ---------------------------------------------------------------- referral links

    private FuzzRequest link(Random r) {
        String code;
        String detail;
        int pick = r.nextInt(10);
        if (pick < 4) {
            code = HOSTILE_CODES[r.nextInt(HOSTILE_CODES.length)];
            detail = "hostile code";
        } else if (pick < 6) {
            code = nearMiss(advocateCode, r);
            detail = "near miss of an active code";
        } else if (pick < 8) {
            StringBuilder s = new StringBuilder();
            int length = r.nextInt(r.nextBoolean() ? 40 : 6000);
            for (int i = 0; i < length; i++) {
                s.append("%").append(String.format("%02X", r.nextInt(256)));
            }
            code = s.toString();
            detail = "random percent-encoded bytes";
        } else {
            code = "A".repeat(33 + r.nextInt(20_000));
            detail = "long code";
        }
        List<String[]> headers = new ArrayList<>();
        if (r.nextInt(4) == 0) {
            headers.add(new String[] {"User-Agent", "ua-" + "u".repeat(r.nextInt(5000))});
        }
        return FuzzRequest.http(LINK, "hostile-code", detail + " " + abbreviate(code), "GET", "/r/" + code, headers, null,
                Set.of(400, 404));
    }

    /** Looks like the active code but is not it: every variant must be 404 (or 400), never a redirect or a click. */
    private static String nearMiss(String code, Random r) {
        String[] variants = {
                code.substring(0, code.length() - 1), code + "X", code.substring(1), "-" + code, code.replace('F', 'E'),
                code.replace("FF", "%EF%AC%80"), // the ligature upper-cases to FF
                code.replaceFirst("S", "%C5%BF"), // long s upper-cases to S
                code.replace("I", "%C4%B1"), // dotless i upper-cases to I
                code.replace("-", "%E2%80%90"), // a hyphen that is not '-'
                code + "%00", code + "%20", "%20" + code, code + "%0A", code.substring(0, 4) + "%E2%80%8B" + code.substring(4),
                toFullWidth(code), code + ".json", code + ";x=1", code + "%2F", code + "/extra", code.replace("-", "%2D%2D")};
        String variant = variants[r.nextInt(variants.length)];
        if (variant.equalsIgnoreCase(code)) {
            throw new IllegalStateException("near miss equals the code");
        }
        return variant;
    }

    private static String toFullWidth(String code) {
        StringBuilder s = new StringBuilder();
        for (char c : code.toCharArray()) {
            byte[] bytes = new String(Character.toChars(c == '-' ? c : c + 0xFEE0)).getBytes(StandardCharsets.UTF_8);
            for (byte b : bytes) {
                s.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return s.toString();
    }

    // ---------------------------------------------------------------- shared generators

    private static FuzzRequest method(String endpoint, String path, byte[] body, Random r) {
        String[] methods = {"GET", "PUT", "DELETE", "PATCH"};
        String method = methods[r.nextInt(methods.length)];
        return FuzzRequest.http(endpoint, "method", method, method, path, List.<String[]>of(new String[] {"Content-Type", "application/json"}),
                method.equals("GET") || method.equals("DELETE") ? null : body, NOT_ALLOWED);
    }

    /** Framing and header errors an HTTP library will not produce, on a request with valid credentials. */
    private static FuzzRequest transport(String endpoint, String path, byte[] body, Random r, List<String[]> headers) {
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        for (String[] h : headers) {
            head.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        int variant = r.nextInt(7);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String detail;
        Set<Integer> expected = BAD_REQUEST;
        boolean halfClose = false;
        switch (variant) {
            case 0 -> {
                detail = "body shorter than Content-Length, then end of stream";
                int cut = r.nextInt(body.length);
                out.writeBytes(utf8(head + "Content-Length: " + body.length + "\r\n\r\n"));
                out.write(body, 0, cut);
                halfClose = true;
            }
            case 1 -> {
                detail = "invalid chunk size";
                out.writeBytes(utf8(head + "Transfer-Encoding: chunked\r\n\r\nZZ\r\n"));
                out.writeBytes(body);
                out.writeBytes(utf8("\r\n0\r\n\r\n"));
            }
            case 2 -> {
                detail = "chunked body cut off, then end of stream";
                out.writeBytes(utf8(head + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length + 100) + "\r\n"));
                out.writeBytes(body);
                halfClose = true;
            }
            case 3 -> {
                detail = "Content-Length over 1 MiB";
                out.writeBytes(utf8(head + "Content-Length: " + (MIB + 1 + r.nextInt(Integer.MAX_VALUE - MIB - 1)) + "\r\n\r\n"));
                out.writeBytes(body);
                halfClose = true;
                expected = TOO_LARGE;
            }
            case 4 -> {
                detail = "Content-Length not a number";
                out.writeBytes(utf8(head + "Content-Length: 12abc\r\n\r\n"));
                out.writeBytes(body);
            }
            case 5 -> {
                detail = "control character in a header";
                out.writeBytes(utf8(head.toString().replace("Connection: close", "X-Fuzz: a\u0001b\r\nConnection: close")
                        + "Content-Length: " + body.length + "\r\n\r\n"));
                out.writeBytes(body);
            }
            default -> {
                detail = "Content-Length and Transfer-Encoding both";
                out.writeBytes(utf8(head + "Content-Length: " + body.length + "\r\nTransfer-Encoding: chunked\r\n\r\n"));
                out.writeBytes(body);
            }
        }
        return FuzzRequest.raw(endpoint, "transport", detail, out.toByteArray(), halfClose, expected);
    }

    private static byte[] garbage(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> new byte[0];
            case 1 -> {
                byte[] b = new byte[1 + r.nextInt(4096)];
                r.nextBytes(b);
                yield b;
            }
            case 2 -> {
                StringBuilder s = new StringBuilder();
                int n = 1 + r.nextInt(2000);
                for (int i = 0; i < n; i++) {
                    s.append((char) (32 + r.nextInt(95)));
                }
                yield utf8(s.toString());
            }
            case 3 -> utf8(new String[] {"null", "true", "0", "\"x\"", " ", "\r\n", "{", "[", "}", "]", "<", "<?xml?>", "-", "1e"}[r.nextInt(14)]);
            case 4 -> utf8(" ".repeat(1 + r.nextInt(10_000)));
            default -> {
                byte[] b = new byte[1 + r.nextInt(256)];
                Arrays.fill(b, (byte) 0);
                yield b;
            }
        };
    }

    private static byte[] truncate(byte[] valid, Random r) {
        return Arrays.copyOf(valid, r.nextInt(valid.length));
    }

    private static byte[] badUtf8(String withMarker, Random r) {
        byte[] bad = BAD_UTF8[r.nextInt(BAD_UTF8.length)];
        String[] parts = withMarker.split("@@BAD@@", -1);
        return concat(concat(utf8(parts[0]), bad), utf8(parts[1]));
    }

    private static byte[] foreignEncoding(String valid, Random r) {
        Charset[] charsets = {StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16,
                Charset.forName("UTF-32BE"), Charset.forName("UTF-32LE")};
        if (r.nextInt(4) == 0) {
            return concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(valid));
        }
        return valid.getBytes(charsets[r.nextInt(charsets.length)]);
    }

    private static byte[] oversizeJson(Random r, boolean array) {
        int size = MIB + 1 + r.nextInt(MIB / 2);
        String head = array ? "[{\"pad\":\"" : "{\"pad\":\"";
        String tail = array ? "\"}]" : "\"}";
        return utf8(head + "p".repeat(size - head.length() - tail.length()) + tail);
    }

    /** {@code prefix} opens a value position; nesting deeper than any real sender's goes there. */
    private static byte[] nestedJson(Random r, String prefix) {
        boolean arrays = r.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        // Stays within 1 MiB: a bigger body is the oversize category's, answered 413 before parsing.
        int deepest = (MIB - prefix.length() - 8) / (open.length() + close.length());
        int depth = 1_001 + r.nextInt(r.nextBoolean() ? 2_000 : deepest - 1_001);
        return utf8(prefix + open.repeat(depth) + "1" + close.repeat(depth) + "}" + (prefix.startsWith("[") ? "]" : ""));
    }

    private static byte[] mutate(byte[] body, Random r) {
        byte[] copy = body.clone();
        int i = r.nextInt(copy.length);
        copy[i] = (byte) (copy[i] ^ (1 + r.nextInt(255)));
        return copy;
    }

    private static String flipChar(String s, Random r) {
        char[] chars = s.toCharArray();
        int i = r.nextInt(chars.length - 1);
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        return new String(chars);
    }

    private static String contentType(Random r, String usual) {
        return r.nextInt(5) == 0 ? CONTENT_TYPES[r.nextInt(CONTENT_TYPES.length)] : usual;
    }

    private static void header(List<String[]> headers, String name, String value) {
        if (value != null) {
            headers.add(new String[] {name, value});
        }
    }

    private static FuzzRequest withDetail(FuzzRequest request, String detail) {
        return new FuzzRequest(request.endpoint(), request.category(), detail, request.method(), request.path(), request.headers(),
                request.body(), request.raw(), request.halfClose(), request.expected());
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...(" + s.length() + ")";
    }

    private static String now() {
        return Long.toString(System.currentTimeMillis());
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(utf8(s));
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
