package io.referloop.referral;

import java.util.Locale;

final class Emails {

    private Emails() {
    }

    static String normalise(String email) {
        return email == null || email.isBlank() ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    static String domainOf(String email) {
        String normal = normalise(email);
        if (normal == null) {
            return null;
        }
        int at = normal.lastIndexOf('@');
        return at < 0 || at == normal.length() - 1 ? null : normal.substring(at + 1);
    }

    static String normaliseDomain(String domain) {
        if (domain == null || domain.isBlank()) {
            return null;
        }
        String d = domain.trim().toLowerCase(Locale.ROOT);
        d = d.replaceFirst("^https?://", "").replaceFirst("/.*$", "").replaceFirst("^www\\.", "");
        return d.isEmpty() ? null : d;
    }
}
