package io.referloop.reward;

import io.referloop.referral.Advocate;
import io.referloop.referral.ReferralService;
import io.referloop.support.TestMappings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** With a monthly budget of 100 USD and 50 USD rewards: the third reward of the month is held, not issued. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class RewardBudgetTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:budget-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("referloop.mappings.dir", () -> TestMappings.withProgram(
                "# monthly-budget: 5000", "monthly-budget: 100").toString());
        registry.add("referloop.rewards.issue-interval-ms", () -> "3600000");
    }

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
