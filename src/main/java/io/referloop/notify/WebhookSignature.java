package io.referloop.notify;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Standard Webhooks signature: {@code v1,<base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}"))>}, the key being
 * the base64-decoded part of the secret after {@code whsec_}.
 */
public final class WebhookSignature {

    private static final String PREFIX = "whsec_";

    private final byte[] key;

    public WebhookSignature(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("referloop.events.webhook-secret is required with a webhook URL");
        }
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        try {
            this.key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("referloop.events.webhook-secret is not whsec_ followed by base64");
        }
    }

    public String sign(String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
