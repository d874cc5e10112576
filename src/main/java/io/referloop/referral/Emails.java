package io.referloop.referral;

import java.util.Locale;
import java.util.Set;

/** Email addresses and company domains as the referral rules compare them. */
public final class Emails {

    /** Mailboxes where dots in the local part are ignored and one domain is an alias of the other. */
    private static final Set<String> GMAIL = Set.of("gmail.com", "googlemail.com");
    private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?";
    private static final java.util.regex.Pattern HOST = java.util.regex.Pattern.compile(LABEL + "(?:\\." + LABEL + ")+");

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

    /**
     * A company's domain from what an admin typed or a CRM keeps in its domain or website field:
     * lower case, without scheme, credentials, port, path, query or a leading {@code www.}
     * ({@code https://www.Acme.com/pricing} is {@code acme.com}). A value that holds no host name gives
     * null, so a junk website ({@code n/a}, {@code Acme Inc}) never matches anyone's referral.
     */
    public static String normaliseDomain(String website) {
        if (website == null) {
            return null;
        }
        String host = website.trim().toLowerCase(Locale.ROOT);
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        } else if (host.startsWith("//")) {
            host = host.substring(2);
        }
        host = host.split("[/?#]", 2)[0];
        host = host.substring(host.lastIndexOf('@') + 1);
        host = host.replaceFirst(":\\d*$", "").replaceFirst("\\.$", "");
        if (host.startsWith("www.") && host.indexOf('.', 4) > 0) {
            host = host.substring(4);
        }
        return HOST.matcher(host).matches() ? host : null;
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
