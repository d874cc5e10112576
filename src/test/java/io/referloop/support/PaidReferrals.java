package io.referloop.support;

import io.referloop.referral.Advocate;
import io.referloop.referral.Referral;
import io.referloop.referral.ReferralService;
import io.referloop.reward.Conversion;
import io.referloop.reward.Reward;
import io.referloop.reward.RewardService;
import io.referloop.reward.Rewards;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Referrals converted by the friend's first Stripe payment, through the services a webhook ends in: for the flow
 * tests of {@link SharedContext} that need a reward to act on. Every advocate and friend is new, at a company of
 * their own, so the tests share the context without sharing rows.
 */
public record PaidReferrals(ReferralService referrals, RewardService rewards, Rewards rewardRows) {

    /** A new advocate, enrolled by hand. */
    public Advocate advocate() {
        return referrals.enrolByHand("advocate-" + UUID.randomUUID() + "@" + UUID.randomUUID().toString().substring(0, 6)
                + ".io", "Ada");
    }

    /** A new friend's email. */
    public static String friend() {
        return "friend@customer-" + UUID.randomUUID() + ".io";
    }

    /** A first payment of 49 USD by {@code email}: invoice {@code invoice}, charge {@code ch_} + invoice. */
    public static Conversion payment(String email, String invoice) {
        return new Conversion(Conversion.Kind.FIRST_PAYMENT, "stripe", invoice, "ch_" + invoice, email, null, null,
                new BigDecimal("49.00"), "USD", Instant.now(), null, null);
    }

    /** The friend registers with the advocate's code and pays a first invoice: the one reward that makes. */
    public Reward convert(Advocate advocate, String friendEmail) {
        return convert(advocate, friendEmail, "in_" + UUID.randomUUID());
    }

    public Reward convert(Advocate advocate, String friendEmail, String invoice) {
        referrals.register(advocate.code(), friendEmail, null);
        rewards.onConversion(payment(friendEmail, invoice));
        List<Reward> made = rewardsOf(friendEmail);
        assertThat(made).hasSize(1);
        return made.get(0);
    }

    /** The rewards of this customer's referral; none when nobody referred them. */
    public List<Reward> rewardsOf(String email) {
        return referrals.referralOfCustomer("test", email, null, null)
                .map(Referral::id).map(rewardRows::forReferral).orElse(List.of());
    }
}
