package io.referloop.referral;

/** Published (inside the deciding transaction) when what a CRM shows about an advocate changes. */
public record AdvocateChanged(Advocate advocate, String link, int referralsMade) {
}
