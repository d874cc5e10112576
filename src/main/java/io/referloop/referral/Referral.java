package io.referloop.referral;

import java.time.Instant;

/**
 * A referral: registered by an admin for an email or a domain, or created when a contact is attributed.
 *
 * @param companyReferralId the referral this contact's company received first, when this one joined it
 *                          (a colleague attributed through the company's domain, or by a code after the
 *                          company was already referred); null for the referral a company or person received
 */
public record Referral(long id, long advocateId, String referredEmail, String referredDomain, String crm,
                       String crmContactId, Attribution attribution, Status status, Instant registeredAt,
                       Instant attributedAt, Long companyReferralId) {

    public enum Attribution { link, code, email, domain, manual }

    /** Values of the CRM field {@code referral_status}. */
    public enum Status { registered, attributed, converted, held, rewarded, rejected, canceled }
}
