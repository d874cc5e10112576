package io.referloop.reward;

import io.referloop.referral.Advocate;
import io.referloop.referral.ReferralService;
import io.referloop.support.PaidReferrals;
import io.referloop.support.Programme;
import io.referloop.support.SharedContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code require: deal-won-and-first-payment}: one alone pays nothing, both together pay once. */
@SharedContext
@Programme({"require: first-conversion", "require: deal-won-and-first-payment"})
class RewardCompoundConditionTest {

    @Autowired
    ReferralService referrals;
    @Autowired
    RewardService rewards;
    @Autowired
    Rewards rewardRows;

    @Test
    void aPaymentAloneWaitsForTheWonDealAndThenPaysOnce() {
        Advocate advocate = referrals.enrolByHand("adv-" + UUID.randomUUID() + "@compound.io", "Cy");
        String friend = "friend@customer-" + UUID.randomUUID() + ".io";
        referrals.register(advocate.code(), friend, null);
        long referral = referrals.referralOfCustomer("test", friend, null, null).orElseThrow().id();

        rewards.onConversion(PaidReferrals.payment(friend, "in_" + UUID.randomUUID()));
        assertThat(rewardRows.forReferral(referral)).isEmpty();

        rewards.onConversion(new Conversion(Conversion.Kind.DEAL_WON, "hubspot", "9001", null, friend, null, null,
                new BigDecimal("1000"), null, Instant.now(), "hubspot", "9001"));
        assertThat(rewardRows.forReferral(referral)).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(Reward.Status.ISSUING));

        rewards.onConversion(new Conversion(Conversion.Kind.DEAL_WON, "hubspot", "9002", null, friend, null, null,
                new BigDecimal("1000"), null, Instant.now(), "hubspot", "9002"));
        assertThat(rewardRows.forReferral(referral)).hasSize(1);
    }
}
