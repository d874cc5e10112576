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

import static io.referloop.support.PaidReferrals.friend;
import static io.referloop.support.PaidReferrals.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The programme's guardrails, with rules: cap 3 per advocate per month, review above 60 USD,
 * 70 USD from an advocate's 2nd converted referral on. No provider is configured, so approved
 * rewards stay ISSUING and the test sees every decision.
 */
@SharedContext
@Programme({
        "monthly-cap-per-advocate: 10", "monthly-cap-per-advocate: 3",
        "review-above: 200", "review-above: 60",
        "tiers: []", "tiers:\n    - from-converted: 2\n      amount: 70"})
class RewardGuardrailsTest {

    @Autowired
    ReferralService referrals;
    @Autowired
    RewardService rewards;
    @Autowired
    Rewards rewardRows;
    @Autowired
    ApprovalService approvals;
    @Autowired
    PaidReferrals paid;

    @Test
    void aFirstConversionWithinTheRulesIsApprovedForIssue() {
        Advocate advocate = paid.advocate();
        Reward reward = paid.convert(advocate, friend());
        assertThat(reward.status()).isEqualTo(Reward.Status.ISSUING);
        assertThat(reward.amount()).isEqualByComparingTo("50");
        assertThat(reward.idempotencyKey()).matches("RL[0-9a-f]{32}");
    }

    @Test
    void aRenewalOfTheSameAccountDoesNotPayAgain() {
        Advocate advocate = paid.advocate();
        String friend = friend();
        paid.convert(advocate, friend);
        rewards.onConversion(payment(friend, "in_renewal_" + UUID.randomUUID()));
        assertThat(paid.rewardsOf(friend)).hasSize(1);
    }

    @Test
    void aRewardAboveTheReviewThresholdIsHeldAndApprovingIssuesItOnce() {
        Advocate advocate = paid.advocate();
        paid.convert(advocate, friend());
        Reward second = paid.convert(advocate, friend());
        assertThat(second.status()).isEqualTo(Reward.Status.HELD);
        assertThat(second.amount()).isEqualByComparingTo("70");
        assertThat(rewards.list(Reward.Status.HELD)).extracting(Reward::id).contains(second.id());

        assertThat(approve(second).status()).isEqualTo(Reward.Status.ISSUING);
        assertThatThrownBy(() -> approve(second)).isInstanceOf(IllegalStateException.class);
        assertThat(rewardRows.byId(second.id()).orElseThrow().idempotencyKey()).isEqualTo(second.idempotencyKey());
    }

    @Test
    void aRejectedHeldRewardIsNeverIssued() {
        Advocate advocate = paid.advocate();
        paid.convert(advocate, friend());
        Reward held = paid.convert(advocate, friend());
        assertThat(rewards.reject(held.id(), "carol", "looks like a duplicate account").status()).isEqualTo(Reward.Status.REJECTED);
        assertThatThrownBy(() -> approve(held)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anAdvocateOverTheMonthlyCapIsNotPaid() {
        Advocate advocate = paid.advocate();
        paid.convert(advocate, friend());
        paid.convert(advocate, friend());
        paid.convert(advocate, friend());
        Reward fourth = paid.convert(advocate, friend());
        assertThat(fourth.status()).isEqualTo(Reward.Status.REJECTED);
        assertThat(fourth.reason()).contains("monthly cap of 3");
    }

    @Test
    void aSelfReferralIsNeverPaid() {
        Advocate advocate = paid.advocate();
        String colleague = "colleague@" + advocate.email().substring(advocate.email().indexOf('@') + 1);
        referrals.register(advocate.code(), colleague, null);
        rewards.onConversion(payment(colleague, "in_" + UUID.randomUUID()));
        assertThat(paid.rewardsOf(colleague)).isEmpty();
    }

    @Test
    void aPaymentFromSomeoneNobodyReferredPaysNothing() {
        String stranger = "stranger-" + UUID.randomUUID() + "@nowhere.io";
        rewards.onConversion(payment(stranger, "in_" + UUID.randomUUID()));
        assertThat(referrals.referralOfCustomer("test", stranger, null, null)).isEmpty();
    }

    @Test
    void aCheckoutCarryingTheCodeAttributesAndConverts() {
        Advocate advocate = paid.advocate();
        String buyer = "buyer-" + UUID.randomUUID() + "@shop.io";
        rewards.onConversion(new Conversion(Conversion.Kind.FIRST_PAYMENT, "stripe", "cs_" + UUID.randomUUID(), "pi_1",
                buyer, null, advocate.code().toLowerCase(), new BigDecimal("99.00"), "USD", Instant.now(), null, null));
        assertThat(paid.rewardsOf(buyer)).singleElement().satisfies(r -> assertThat(r.advocateId()).isEqualTo(advocate.id()));
    }

    private Reward approve(Reward held) {
        return approvals.approve(held.id(), "reviewer", null, "checked the contract").reward();
    }
}
