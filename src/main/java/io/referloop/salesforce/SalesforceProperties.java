package io.referloop.salesforce;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code referloop.salesforce.*} used so far: the organisation whose outbound messages are accepted. */
@ConfigurationProperties("referloop.salesforce")
public record SalesforceProperties(String organizationId) {

    public boolean outboundMessagesEnabled() {
        return organizationId != null && !organizationId.isBlank();
    }

    /** Salesforce ids come as 15 (case-sensitive) or 18 characters; the first 15 identify the org. */
    public boolean isOurOrganisation(String candidate) {
        if (!outboundMessagesEnabled() || candidate == null || candidate.length() < 15) {
            return false;
        }
        return organizationId.trim().substring(0, 15).equals(candidate.trim().substring(0, 15));
    }
}
