package io.referloop.reward;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The guardrails' order and reasons, without a database: cap 3, review above 60, budget 200, friend 20. */
class RewardGuardrailRulesTest {

    private static final RewardRules RULES = new RewardRules(new RewardRules.Amount(new BigDecimal("50"), "USD"),
            new RewardRules.Amount(new BigDecimal("20"), "USD"), List.of(), new BigDecimal("60"), 3,
            new BigDecimal("200"), 0, null, null);

    private static RewardGuardrails.Facts facts() {
        return new RewardGuardrails.Facts(new BigDecimal("50"), true, null, null, false, 0, BigDecimal.ZERO);
    }

    @Test
    void aRewardWithinEveryRuleIsIssued() {
        assertThat(RewardGuardrails.decide(RULES, facts()).status()).isEqualTo(Reward.Status.ISSUING);
    }

    @Test
    void aPayerWhoIsTheAdvocateIsRejectedWithTheReason() {
        RewardGuardrails.Outcome outcome = RewardGuardrails.decide(RULES, new RewardGuardrails.Facts(
                new BigDecimal("50"), true, "the payer's mailbox is the advocate's", null, false, 0, BigDecimal.ZERO));
        assertThat(outcome.status()).isEqualTo(Reward.Status.REJECTED);
        assertThat(outcome.rule()).isEqualTo("self-referral-payer");
        assertThat(outcome.reason()).isEqualTo("the payer's mailbox is the advocate's");
    }

    @Test
    void aDisposableAddressHoldsTheRewardForReview() {
        RewardGuardrails.Outcome outcome = RewardGuardrails.decide(RULES, new RewardGuardrails.Facts(
                new BigDecimal("50"), true, null, "x@mailinator.com", false, 0, BigDecimal.ZERO));
        assertThat(outcome.status()).isEqualTo(Reward.Status.HELD);
        assertThat(outcome.reason()).isEqualTo("disposable email domain (mailinator.com)");
    }

    @Test
    void aPayerNamedAsTheAdvocateIsHeldNotRejected() {
        RewardGuardrails.Outcome outcome = RewardGuardrails.decide(RULES, new RewardGuardrails.Facts(
                new BigDecimal("50"), true, null, null, true, 0, BigDecimal.ZERO));
        assertThat(outcome.status()).isEqualTo(Reward.Status.HELD);
        assertThat(outcome.rule()).isEqualTo("payer-name-matches-advocate");
    }

    @Test
    void theMonthlyCapRejectsBeforeAnyHold() {
        RewardGuardrails.Outcome outcome = RewardGuardrails.decide(RULES, new RewardGuardrails.Facts(
                new BigDecimal("50"), true, null, "x@mailinator.com", true, 3, BigDecimal.ZERO));
        assertThat(outcome.status()).isEqualTo(Reward.Status.REJECTED);
        assertThat(outcome.reason()).isEqualTo("monthly cap of 3 rewards reached");
    }

    @Test
    void theFriendsRewardCountsAgainstTheBudget() {
        // 130 committed + 50 to the advocate + 20 to the friend = 200: within; one cent more is not
        assertThat(RewardGuardrails.decide(RULES, new RewardGuardrails.Facts(new BigDecimal("50"), true, null, null,
                false, 0, new BigDecimal("130"))).status()).isEqualTo(Reward.Status.ISSUING);
        RewardGuardrails.Outcome over = RewardGuardrails.decide(RULES, new RewardGuardrails.Facts(new BigDecimal("50"),
                true, null, null, false, 0, new BigDecimal("130.01")));
        assertThat(over.status()).isEqualTo(Reward.Status.HELD);
        assertThat(over.rule()).isEqualTo("monthly-budget");
    }

    @Test
    void aDisabledAdvocateIsNeverPaid() {
        assertThat(RewardGuardrails.decide(RULES, new RewardGuardrails.Facts(new BigDecimal("50"), false, null, null,
                false, 0, BigDecimal.ZERO)).rule()).isEqualTo("advocate-disabled");
    }

    @Test
    void aRewardAboveTheReviewThresholdIsHeld() {
        assertThat(RewardGuardrails.decide(RULES, new RewardGuardrails.Facts(new BigDecimal("61"), true, null, null,
                false, 0, BigDecimal.ZERO)).rule()).isEqualTo("review-threshold");
    }

    @Test
    void withoutAMinimumAnyRevenueAboveZeroEarns() {
        assertThat(RULES.earns(new BigDecimal("0.01"))).isTrue();
        assertThat(RULES.earns(BigDecimal.ZERO)).isFalse();
        assertThat(RULES.earns(null)).isFalse();
    }

    @Test
    void aMinimumRevenueRefusesWhatIsBelowIt() {
        RewardRules withMinimum = new RewardRules(RULES.advocate(), null, List.of(), new BigDecimal("200"), 10, null, 0,
                null, new BigDecimal("100"));
        assertThat(withMinimum.earns(new BigDecimal("99.99"))).isFalse();
        assertThat(withMinimum.earns(new BigDecimal("100"))).isTrue();
    }
}
