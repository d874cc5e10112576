package io.referloop.reward;

import io.referloop.referral.Advocate;
import io.referloop.referral.ReferralService;
import io.referloop.support.EmptyDatabase;
import io.referloop.support.Programme;
import io.referloop.support.SharedContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** With a monthly budget of 100 USD and 50 USD rewards: the third reward of the month is held, not issued. */
@SharedContext
@Programme({"# monthly-budget: 5000", "monthly-budget: 100"})
@EmptyDatabase
class RewardBudgetTest {

    @Autowired
    ReferralService referrals;
    @Autowired
    RewardService rewards;
    @Autowired
    Rewards rewardRows;

    @Test
    void theBudgetBreakerStopsIssuingOnceTheMonthIsSpent() {
        assertThat(convert().status()).isEqualTo(Reward.Status.ISSUING);
        assertThat(convert().status()).isEqualTo(Reward.Status.ISSUING);
        Reward third = convert();
        assertThat(third.status()).isEqualTo(Reward.Status.HELD);
        assertThat(third.reason()).contains("monthly budget");
    }

    private Reward convert() {
        Advocate advocate = referrals.enrolByHand("adv-" + UUID.randomUUID() + "@budget.io", "Bea");
        String friend = "friend@customer-" + UUID.randomUUID() + ".io";
        referrals.register(advocate.code(), friend, null);
        rewards.onConversion(RewardGuardrailsTest.payment(friend, "in_" + UUID.randomUUID()));
        long referral = referrals.referralOfCustomer("test", friend, null, null).orElseThrow().id();
        return rewardRows.forReferral(referral).get(0);
    }
}
