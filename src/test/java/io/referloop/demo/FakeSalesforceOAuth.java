package io.referloop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The OAuth 2.0 token and revoke endpoints, as camel-salesforce's SalesforceSession drives them: password,
 * client_credentials, refresh_token and JWT bearer grants; issued access tokens stay valid until revoked.
 * The router locks.
 */
final class FakeSalesforceOAuth {

    static final String USER_ID = "005xx000001SvogAAC";
    static final String JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final String TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final String organizationId;
    private final String clientId;
    private final String clientSecret;
    private final String username;
    private final String password;
    private final Supplier<String> baseUrl;
    private final SecureRandom random = new SecureRandom();
    private final Set<String> active = new HashSet<>();
    /** The certificate uploaded to the connected app for the JWT bearer flow; null: signatures not checked. */
    X509Certificate certificate;
    int tokenRequests;
    final List<String> grantedGrantTypes = new ArrayList<>();
    int revokeRequests;

    FakeSalesforceOAuth(String organizationId, String clientId, String clientSecret, String username, String password,
                        Supplier<String> baseUrl) {
        this.organizationId = organizationId;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.username = username;
        this.password = password;
        this.baseUrl = baseUrl;
    }

    /** Whether the access token was issued and not revoked. */
    boolean valid(String token) {
        return token != null && active.contains(token);
    }

    /** Invalidates every issued access token, as a session timeout or an admin's "revoke all" would. */
    void expireAll() {
        active.clear();
    }

    /** {@code POST /services/oauth2/token} with a form-encoded body. */
    FakeReply token(String formBody) {
        tokenRequests++;
        Map<String, String> form = form(formBody);
        String grant = form.getOrDefault("grant_type", "");
        String client = form.get("client_id");
        if (!grant.equals(JWT_GRANT) || client != null) {
            if (!clientId.equals(client)) {
                return error("invalid_client_id", "client identifier invalid");
            }
        }
        switch (grant) {
            case "password" -> {
                if (!clientSecret.equals(form.get("client_secret"))) {
                    return error("invalid_client", "invalid client credentials");
                }
                if (!username.equals(form.get("username")) || !password.equals(form.get("password"))) {
                    return error("invalid_grant", "authentication failure");
                }
            }
            case "client_credentials" -> {
                if (!clientSecret.equals(form.get("client_secret"))) {
                    return error("invalid_client", "invalid client credentials");
                }
            }
            case "refresh_token" -> {
                String secret = form.get("client_secret");
                if (secret != null && !secret.isEmpty() && !clientSecret.equals(secret)) {
                    return error("invalid_client", "invalid client credentials");
                }
                String refresh = form.get("refresh_token");
                if (refresh == null || refresh.isBlank()) {
                    return error("invalid_grant", "expired access/refresh token");
                }
            }
            case JWT_GRANT -> {
                FakeReply refused = checkAssertion(form.get("assertion"));
                if (refused != null) {
                    return refused;
                }
            }
            default -> {
                return error("unsupported_grant_type", "grant type not supported");
            }
        }
        grantedGrantTypes.add(grant);
        return issue();
    }

    /** {@code GET|POST /services/oauth2/revoke}: 200 for an active token, Salesforce's 400 otherwise. */
    FakeReply revoke(String token) {
        revokeRequests++;
        if (token != null && active.remove(token)) {
            return new FakeReply(200, null);
        }
        return error("unsupported_token_type", "this token type is not supported");
    }

    private FakeReply issue() {
        StringBuilder token = new StringBuilder(organizationId).append("!AQ");
        for (int i = 0; i < 94; i++) {
            token.append(TOKEN_CHARS.charAt(random.nextInt(TOKEN_CHARS.length())));
        }
        active.add(token.toString());
        String base = baseUrl.get();
        String id = base + "/id/" + organizationId + "/" + USER_ID;
        String issuedAt = Long.toString(System.currentTimeMillis());
        ObjectNode body = FakeJson.object();
        body.put("access_token", token.toString());
        body.put("instance_url", base);
        body.put("id", id);
        body.put("token_type", "Bearer");
        body.put("issued_at", issuedAt);
        body.put("signature", signature(id + issuedAt));
        body.put("scope", "api");
        return FakeReply.ok(body);
    }

    /** Base64 HMAC-SHA256 of id + issued_at keyed with the client secret, as Salesforce signs. */
    private String signature(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks a JWT bearer assertion as Salesforce's token endpoint does: iss is the consumer key, sub the
     * username, aud a login URL, exp a time in the near future, and, once a certificate is uploaded, an RS256
     * signature by its key. Returns the refusal, or null when the assertion is good.
     */
    private FakeReply checkAssertion(String assertion) {
        String[] parts = assertion == null ? new String[0] : assertion.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return error("invalid_grant", "invalid assertion");
        }
        JsonNode claims;
        try {
            claims = FakeJson.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (Exception e) {
            return error("invalid_grant", "invalid assertion");
        }
        if (claims == null || !claims.isObject()) {
            return error("invalid_grant", "invalid assertion");
        }
        if (!clientId.equals(claims.path("iss").asText(null))) {
            return error("invalid_client_id", "client identifier invalid");
        }
        String audience = claims.path("aud").asText("");
        if (!audience.equals(baseUrl.get()) && !audience.equals("https://login.salesforce.com")
                && !audience.equals("https://test.salesforce.com")) {
            return error("invalid_grant", "audience is invalid");
        }
        // exp comes as a number or, from camel-salesforce, as a string; Salesforce allows a few minutes of skew
        // beyond its documented three, which camel-salesforce's 270 s window relies on
        long now = System.currentTimeMillis() / 1000;
        long expires;
        try {
            expires = Long.parseLong(claims.path("exp").asText("").trim());
        } catch (NumberFormatException e) {
            return error("invalid_grant", "invalid assertion");
        }
        if (expires <= now) {
            return error("invalid_grant", "expired authorization code");
        }
        if (expires > now + 300) {
            return error("invalid_grant", "invalid assertion");
        }
        if (certificate != null && !signedByCertificate(parts)) {
            return error("invalid_grant", "invalid assertion");
        }
        if (!username.equals(claims.path("sub").asText(null))) {
            return error("invalid_grant", "user hasn't approved this consumer");
        }
        return null;
    }

    private boolean signedByCertificate(String[] parts) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(certificate.getPublicKey());
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return rsa.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static FakeReply error(String error, String description) {
        ObjectNode body = FakeJson.object();
        body.put("error", error);
        body.put("error_description", description);
        return new FakeReply(400, body);
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.putIfAbsent(name, value);
        }
        return form;
    }
}
