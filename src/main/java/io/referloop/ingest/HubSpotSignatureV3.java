package io.referloop.ingest;

import javax.crypto.Mac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * HubSpot request signature v3: Base64(HMAC-SHA256(clientSecret, method + uri + body + timestamp)),
 * computed over the exact bytes received (the body is never decoded), compared in constant time;
 * timestamps more than five minutes before or after now are refused.
 */
public class HubSpotSignatureV3 {

    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final HmacSha256 hmac;
    private final Clock clock;

    public HubSpotSignatureV3(String clientSecret, Clock clock) {
        this.hmac = new HmacSha256(clientSecret.getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
    }

    public void verify(String method, String requestUri, byte[] body, String signature, String timestamp) {
        if (signature == null || signature.isBlank()) {
            throw new SignatureException("missing X-HubSpot-Signature-v3");
        }
        if (timestamp == null || timestamp.isBlank()) {
            throw new SignatureException("missing X-HubSpot-Request-Timestamp");
        }
        long millis;
        try {
            millis = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new SignatureException("X-HubSpot-Request-Timestamp is not a number");
        }
        // A signed request dated in the future could be replayed until that date: the window is both ways.
        long age = millis < 0 ? Long.MAX_VALUE : clock.millis() - millis;
        if (age > MAX_AGE.toMillis()) {
            throw new SignatureException("X-HubSpot-Request-Timestamp is older than 5 minutes");
        }
        if (age < -MAX_AGE.toMillis()) {
            throw new SignatureException("X-HubSpot-Request-Timestamp is more than 5 minutes in the future");
        }
        byte[] expected = sign(method, requestUri, body, timestamp.trim()).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII))) {
            throw new SignatureException("X-HubSpot-Signature-v3 does not match");
        }
    }

    public String sign(String method, String requestUri, byte[] body, String timestamp) {
        Mac mac = hmac.start();
        mac.update(method.getBytes(StandardCharsets.UTF_8));
        mac.update(requestUri.getBytes(StandardCharsets.UTF_8));
        mac.update(body);
        mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac.doFinal());
    }
}
