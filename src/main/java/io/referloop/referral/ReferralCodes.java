package io.referloop.referral;

import org.springframework.stereotype.Component;

import java.security.SecureRandom;

/**
 * Referral codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), drawn from a
 * {@link SecureRandom}: about 40 bits, so codes cannot be enumerated through {@code /r/{code}}.
 */
@Component
public class ReferralCodes {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int LENGTH = 8;

    private final SecureRandom random = new SecureRandom();

    public String next() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    public static boolean looksValid(String code) {
        return code != null && code.length() >= 4 && code.length() <= 32 && code.chars().allMatch(c ->
                (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-');
    }
}
