package io.referloop.billing;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.regex.Pattern;

/**
 * {@code referloop.chargebee.*}. {@code webhook-username} / {@code webhook-password}: the HTTP basic credentials
 * set on the Chargebee webhook (Chargebee signs nothing); without them, Chargebee is off. {@code site} and
 * {@code api-key}: each event is read again from Chargebee's API before it is acted on, so that knowing the
 * webhook URL and its credentials is not enough to forge a payment. {@code base-url} overrides
 * {@code https://{site}.chargebee.com/api/v2} (tests, proxies).
 */
@ConfigurationProperties("referloop.chargebee")
public record ChargebeeProperties(String webhookUsername, String webhookPassword, String site, String apiKey,
                                  String baseUrl) {

    private static final Pattern SITE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public ChargebeeProperties {
        // half a setting would quietly leave events trusted as received: refuse to start instead
        if (given(site) != given(apiKey)) {
            throw new IllegalArgumentException("set both referloop.chargebee.site and referloop.chargebee.api-key"
                    + " (events are read again from Chargebee before they are acted on), or neither");
        }
        if (given(site) && !SITE.matcher(site.trim()).matches()) {
            throw new IllegalArgumentException("referloop.chargebee.site is the site name (acme-test in"
                    + " acme-test.chargebee.com), was " + site);
        }
    }

    public boolean enabled() {
        return given(webhookUsername) && given(webhookPassword);
    }

    /** Whether each event is read again from Chargebee's API before it is acted on. */
    public boolean rereadEnabled() {
        return given(site) && given(apiKey);
    }

    /** The API base, without a trailing slash. */
    public String apiBaseUrl() {
        String base = given(baseUrl) ? baseUrl.trim() : "https://" + site.trim() + ".chargebee.com/api/v2";
        return base.replaceAll("/+$", "");
    }

    private static boolean given(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "ChargebeeProperties[webhookUsername=" + webhookUsername + ", webhookPassword=****, site=" + site
                + ", apiKey=" + (given(apiKey) ? "****" : "none") + ", baseUrl=" + baseUrl + "]";
    }
}
