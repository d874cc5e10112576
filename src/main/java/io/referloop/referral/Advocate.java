package io.referloop.referral;

import java.time.Instant;

public record Advocate(long id, String code, String email, String name, String crm, String crmContactId,
                       String status, String enrolledBy, Instant createdAt) {

    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";

    public boolean active() {
        return ACTIVE.equals(status);
    }

    public String emailDomain() {
        return Emails.domainOf(email);
    }
}
