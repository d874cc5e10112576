package io.referloop.ingest;

import javax.crypto.Mac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Stripe's {@code Stripe-Signature}: {@code t=<unix s>,v1=<hex>[,v1=<hex>...]}, where each v1 is
 * hex(HMAC-SHA256(endpoint secret, t + "." + body)) over the exact bytes received. Any v1 may match
 * any configured secret (Stripe signs with old and new secret while one is rolled); timestamps further
 * than the tolerance (300 s, as Stripe's SDKs) from now, before or after, are refused. Schemes other than
 * v1 are ignored.
 */
public class StripeSignature {

    public static final Duration TOLERANCE = Duration.ofSeconds(300);

    private final List<HmacSha256> secrets;
    private final Clock clock;

    public StripeSignature(List<String> secrets, Clock clock) {
        this.secrets = secrets.stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> new HmacSha256(s.getBytes(StandardCharsets.UTF_8))).toList();
        this.clock = clock;
    }

    public void verify(byte[] body, String header) {
        if (header == null || header.isBlank()) {
            throw new SignatureException("missing Stripe-Signature");
        }
        long timestamp = -1;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (key.equals("t")) {
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new SignatureException("Unable to extract timestamp and signatures from header");
                }
            } else if (key.equals("v1")) {
                signatures.add(value);
            }
        }
        if (timestamp < 0) {
            throw new SignatureException("Unable to extract timestamp and signatures from header");
        }
        if (signatures.isEmpty()) {
            throw new SignatureException("No signatures found with expected scheme");
        }
        // Both ways: a request signed for a future time could otherwise be replayed until then.
        if (Math.abs(clock.instant().getEpochSecond() - timestamp) > TOLERANCE.toSeconds()) {
            throw new SignatureException("Timestamp outside the tolerance zone");
        }
        for (HmacSha256 secret : secrets) {
            byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
            for (String given : signatures) {
                if (MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII))) {
                    return;
                }
            }
        }
        throw new SignatureException("No signatures found matching the expected signature for payload");
    }

    public static String sign(String secret, long timestamp, byte[] body) {
        return sign(new HmacSha256(secret.getBytes(StandardCharsets.UTF_8)), timestamp, body);
    }

    private static String sign(HmacSha256 secret, long timestamp, byte[] body) {
        Mac mac = secret.start();
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        mac.update(body);
        return HexFormat.of().formatHex(mac.doFinal());
    }
}
