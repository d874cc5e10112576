package io.referloop.referral;

/**
 * Published (inside the deciding transaction) when a referred contact is attributed or rejected.
 *
 * @param reason why a rejected referral was rejected, for the CRM; null when attributed
 */
public record ReferralDecided(Referral referral, Advocate advocate, String reason) {

    public ReferralDecided(Referral referral, Advocate advocate) {
        this(referral, advocate, null);
    }
}
