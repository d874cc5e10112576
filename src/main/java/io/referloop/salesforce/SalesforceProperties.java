package io.referloop.salesforce;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code referloop.salesforce.*}. With an {@code authentication-type} the connector talks to the org
 * through camel-salesforce; with an {@code organization-id} it accepts that org's outbound messages.
 *
 * @param pollOverlap how far before its checkpoint each poll reads again: {@code SystemModstamp} is the transaction's
 *                    start, to the second, so a record can become visible stamped below a checkpoint already passed
 * @param keystoreResource JWT flow: a keystore holding the certificate's private key ({@code file:...} or {@code classpath:...})
 */
@ConfigurationProperties("referloop.salesforce")
public record SalesforceProperties(
        @DefaultValue("https://login.salesforce.com") String loginUrl,
        String instanceUrl,
        String authenticationType,
        String clientId,
        String clientSecret,
        String username,
        String password,
        String refreshToken,
        String keystoreResource,
        String keystorePassword,
        @DefaultValue("PKCS12") String keystoreType,
        String jwtAudience,
        String organizationId,
        @DefaultValue("62.0") String apiVersion,
        @DefaultValue("PT1M") Duration pollInterval,
        @DefaultValue("2m") Duration pollOverlap) {

    public SalesforceProperties {
        if (pollOverlap != null && pollOverlap.isNegative()) {
            throw new IllegalArgumentException("referloop.salesforce.poll-overlap cannot be negative, was " + pollOverlap);
        }
        pollOverlap = pollOverlap == null ? Duration.ofMinutes(2) : pollOverlap;
    }

    public boolean apiEnabled() {
        return authenticationType != null && !authenticationType.isBlank();
    }

    public boolean outboundMessagesEnabled() {
        return organizationId != null && !organizationId.isBlank();
    }

    /** Salesforce ids come as 15 (case-sensitive) or 18 characters; the first 15 identify the org. */
    public boolean isOurOrganisation(String candidate) {
        String ours = outboundMessagesEnabled() ? organizationId.trim() : "";
        String theirs = candidate == null ? "" : candidate.trim();
        if (!isId(ours) || !isId(theirs)) {
            return false;
        }
        // The 18-character form is the 15-character one plus a case checksum: compare what both carry.
        return ours.length() == theirs.length() ? ours.equals(theirs) : ours.substring(0, 15).equals(theirs.substring(0, 15));
    }

    private static boolean isId(String id) {
        return id.length() == 15 || id.length() == 18;
    }

    @Override
    public String toString() {
        return "SalesforceProperties[loginUrl=" + loginUrl + ", instanceUrl=" + instanceUrl + ", authenticationType="
                + authenticationType + ", clientId=" + clientId + ", clientSecret=****, username=" + username
                + ", password=****, refreshToken=****, organizationId=" + organizationId + ", apiVersion=" + apiVersion + "]";
    }
}
