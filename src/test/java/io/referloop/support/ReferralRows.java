package io.referloop.support;

import io.referloop.referral.Advocate;
import io.referloop.referral.Advocates;
import io.referloop.referral.Referral;
import io.referloop.referral.Referrals;

/** The rows most repository tests build on: advocates enrolled by an admin, and referrals of theirs. */
public record ReferralRows(Advocates advocates, Referrals referrals) {

    /** Ada, ada@example.com: the advocate of a test that needs just one, enrolled when first asked for. */
    public long ada() {
        return advocates.byEmail("ada@example.com").map(Advocate::id).orElseGet(() -> advocate("ada@example.com", "Ada"));
    }

    public long advocate(String email, String name) {
        return advocates.enrol(email, name, null, null, "admin").id();
    }

    /** {@link #referral(long, String, Referral.Status)} of {@link #ada()}. */
    public long referral(String email, Referral.Status status) {
        return referral(ada(), email, status);
    }

    /** A HubSpot contact's referral by code, decided now; the company is the email's domain. */
    public long referral(long advocate, String email, Referral.Status status) {
        String domain = email.substring(email.indexOf('@') + 1);
        return referrals.create(advocate, email, domain, "hubspot", email, Referral.Attribution.code, status, null,
                FixedClock.NOW).id();
    }
}
