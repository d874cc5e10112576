package io.referloop.reward;

import java.math.BigDecimal;

/**
 * The programme's guardrails for one advocate reward, strongest first: the first that applies decides
 * whether the reward is rejected, held for review, held for a period, or issued, and says why.
 */
final class RewardGuardrails {

    /**
     * What the guardrails look at.
     *
     * @param payerIsAdvocate     why the payer is the advocate themself, or null
     * @param disposableAddress   the throwaway address involved, or null
     * @param payerNamedAsAdvocate the payer's name is the advocate's
     * @param committedThisMonth  what the programme committed this month, friend rewards included
     */
    record Facts(BigDecimal amount, boolean advocateActive, String payerIsAdvocate, String disposableAddress,
                 boolean payerNamedAsAdvocate, int rewardsThisMonth, BigDecimal committedThisMonth) {
    }

    record Outcome(Reward.Status status, String rule, String reason) {
    }

    private RewardGuardrails() {
    }

    static Outcome decide(RewardRules rules, Facts facts) {
        if (!facts.advocateActive()) {
            return new Outcome(Reward.Status.REJECTED, "advocate-disabled", "advocate disabled");
        }
        if (facts.payerIsAdvocate() != null) {
            return new Outcome(Reward.Status.REJECTED, "self-referral-payer", facts.payerIsAdvocate());
        }
        if (facts.rewardsThisMonth() >= rules.monthlyCapPerAdvocate()) {
            return new Outcome(Reward.Status.REJECTED, "monthly-cap",
                    "monthly cap of " + rules.monthlyCapPerAdvocate() + " rewards reached");
        }
        if (facts.disposableAddress() != null) {
            return new Outcome(Reward.Status.HELD, "disposable-email-domain",
                    "disposable email domain (" + domainOf(facts.disposableAddress()) + ")");
        }
        if (facts.payerNamedAsAdvocate()) {
            return new Outcome(Reward.Status.HELD, "payer-name-matches-advocate", "the payer's name is the advocate's");
        }
        BigDecimal spend = facts.amount().add(rules.friendAmount());
        if (rules.monthlyBudget() != null && facts.committedThisMonth().add(spend).compareTo(rules.monthlyBudget()) > 0) {
            return new Outcome(Reward.Status.HELD, "monthly-budget",
                    "monthly budget of " + rules.monthlyBudget() + " would be exceeded");
        }
        if (facts.amount().compareTo(rules.reviewAbove()) > 0) {
            return new Outcome(Reward.Status.HELD, "review-threshold", "above the review threshold of " + rules.reviewAbove());
        }
        if (rules.holdDays() > 0) {
            return new Outcome(Reward.Status.PENDING, "hold-period", "hold of " + rules.holdDays() + " days");
        }
        return new Outcome(Reward.Status.ISSUING, "reward", null);
    }

    private static String domainOf(String email) {
        int at = email.lastIndexOf('@');
        return at < 0 ? email : email.substring(at + 1);
    }
}
