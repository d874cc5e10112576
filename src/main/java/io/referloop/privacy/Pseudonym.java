package io.referloop.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The address an erased person's rows carry instead of theirs: {@code erased-<16 hex digits of SHA-256>@erased.invalid}.
 * Stable, so a second erasure finds nothing left to change and the unique email of advocates still holds;
 * {@code .invalid} is reserved (RFC 2606), so nothing is ever sent to it.
 */
public final class Pseudonym {

    static final String DOMAIN = "erased.invalid";

    private Pseudonym() {
    }

    public static String of(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalise(email).getBytes(StandardCharsets.UTF_8));
            return "erased-" + HexFormat.of().formatHex(digest, 0, 8) + "@" + DOMAIN;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static boolean isPseudonym(String email) {
        return normalise(email).endsWith("@" + DOMAIN);
    }

    /** Emails are stored trimmed and lower-cased; the pseudonym of any spelling of one address is the same. */
    static String normalise(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}
