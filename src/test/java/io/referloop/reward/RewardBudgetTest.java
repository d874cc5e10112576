package io.referloop.reward;

import io.referloop.support.EmptyDatabase;
import io.referloop.support.PaidReferrals;
import io.referloop.support.Programme;
import io.referloop.support.SharedContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** With a monthly budget of 100 USD and 50 USD rewards: the third reward of the month is held, not issued. */
@SharedContext
@Programme({"# monthly-budget: 5000", "monthly-budget: 100"})
@EmptyDatabase
class RewardBudgetTest {

    @Autowired
    PaidReferrals paid;

    @Test
    void theBudgetBreakerStopsIssuingOnceTheMonthIsSpent() {
        assertThat(convert().status()).isEqualTo(Reward.Status.ISSUING);
        assertThat(convert().status()).isEqualTo(Reward.Status.ISSUING);
        Reward third = convert();
        assertThat(third.status()).isEqualTo(Reward.Status.HELD);
        assertThat(third.reason()).contains("monthly budget");
    }

    private Reward convert() {
        return paid.convert(paid.advocate(), PaidReferrals.friend());
    }
}
