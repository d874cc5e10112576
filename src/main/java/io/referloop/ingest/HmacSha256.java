package io.referloop.ingest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/**
 * HMAC-SHA256 under one key, made ready once. Looking the algorithm up among the security providers and keying a new
 * {@link Mac} took about half the CPU of checking a webhook's signature; a copy of a keyed one costs next to nothing.
 */
final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;
    private final Mac keyed;

    HmacSha256(byte[] key) {
        this.key = key.clone();
        this.keyed = newMac(this.key);
    }

    /** A fresh computation under the key; the caller owns it (a {@link Mac} is not safe across threads). */
    Mac start() {
        try {
            return (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            // a provider whose Mac cannot be copied: key a new one each time, as without this class
            return newMac(key);
        }
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        }
    }
}
