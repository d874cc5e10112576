package io.referloop.referral;

/** Published (inside the deciding transaction) when a referred contact is attributed or rejected. */
public record ReferralDecided(Referral referral, Advocate advocate) {
}
