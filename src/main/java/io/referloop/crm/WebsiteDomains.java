package io.referloop.crm;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A company's domain in the form referrals are registered for ({@code acme.com}), from whatever a CRM keeps in its
 * domain or website field: HubSpot's {@code domain} is usually bare, Salesforce's {@code Website} is often a full URL
 * typed by a rep ({@code https://www.Acme.com/pricing}). A value that holds no host name gives null, so a junk
 * website never matches anyone's referral.
 */
public final class WebsiteDomains {

    private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?";
    private static final Pattern HOST = Pattern.compile(LABEL + "(?:\\." + LABEL + ")+");

    private WebsiteDomains() {
    }

    /** Lower case, without scheme, credentials, port, path, query or a leading {@code www.}; null if no host name. */
    public static String fromWebsite(String website) {
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
}
