package io.referloop.reward;

import io.referloop.referral.Advocate;
import io.referloop.referral.ReferralService;
import io.referloop.support.TestMappings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code require: deal-won-and-first-payment}: one alone pays nothing, both together pay once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class RewardCompoundConditionTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:compound-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("referloop.mappings.dir", () -> TestMappings.withProgram(
                "require: first-conversion", "require: deal-won-and-first-payment").toString());
        registry.add("referloop.rewards.issue-interval-ms", () -> "3600000");
    }

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

        rewards.onConversion(RewardGuardrailsTest.payment(friend, "in_" + UUID.randomUUID()));
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
