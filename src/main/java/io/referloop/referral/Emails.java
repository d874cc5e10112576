package io.referloop.referral;

import java.util.Locale;
import java.util.Set;

/** Email addresses and company domains as the referral rules compare them. */
public final class Emails {

    /** Mailboxes where dots in the local part are ignored and one domain is an alias of the other. */
    private static final Set<String> GMAIL = Set.of("gmail.com", "googlemail.com");

    private Emails() {
    }

    public static String normalise(String email) {
        return email == null || email.isBlank() ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The mailbox an address delivers to, for telling whether two addresses are one person: lower case,
     * without a {@code +tag}, and for Gmail without dots and with googlemail.com read as gmail.com.
     */
    public static String canonical(String email) {
        String normal = normalise(email);
        if (normal == null) {
            return null;
        }
        int at = normal.lastIndexOf('@');
        if (at <= 0) {
            return normal;
        }
        String local = normal.substring(0, at);
        String domain = normal.substring(at + 1);
        int plus = local.indexOf('+');
        if (plus > 0) {
            local = local.substring(0, plus);
        }
        if (GMAIL.contains(domain)) {
            local = local.replace(".", "");
            domain = "gmail.com";
        }
        return local + "@" + domain;
    }

    public static boolean samePerson(String a, String b) {
        String ca = canonical(a);
        return ca != null && ca.equals(canonical(b));
    }

    public static String domainOf(String email) {
        String normal = normalise(email);
        if (normal == null) {
            return null;
        }
        int at = normal.lastIndexOf('@');
        return at < 0 || at == normal.length() - 1 ? null : normal.substring(at + 1);
    }

    /** A company domain as typed or as a website: {@code https://www.Acme.com/pricing} is {@code acme.com}. */
    public static String normaliseDomain(String domain) {
        if (domain == null || domain.isBlank()) {
            return null;
        }
        String d = domain.trim().toLowerCase(Locale.ROOT);
        d = d.replaceFirst("^[a-z][a-z0-9+.-]*://", "").replaceFirst("[/?#].*$", "").replaceFirst(":\\d+$", "")
                .replaceFirst("^www\\.", "").replaceFirst("\\.$", "");
        return d.isEmpty() ? null : d;
    }

    /** A person's name compared loosely: case, accents' letters kept, runs of spaces and punctuation as one space. */
    public static String comparableName(String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s.,'\"-]+", " ").trim();
        return n.isEmpty() ? null : n;
    }
}
