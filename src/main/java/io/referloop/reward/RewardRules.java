package io.referloop.reward;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code rewards:} section of {@code mappings/program.yaml} (schema: schemas/program.schema.json).
 * {@code per} is read by the referral side, which decides which referral a conversion belongs to.
 *
 * @param minRevenue a conversion whose revenue is below it earns nothing; null: anything above zero
 * @param secondApprovalAbove held rewards above it need two different approvers; null: one approver suffices
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RewardRules(Amount advocate, Amount friend, List<Tier> tiers, BigDecimal reviewAbove,
                          int monthlyCapPerAdvocate, BigDecimal monthlyBudget, int holdDays, Requirement require,
                          BigDecimal minRevenue, BigDecimal secondApprovalAbove) {

    public RewardRules(Amount advocate, Amount friend, List<Tier> tiers, BigDecimal reviewAbove,
                       int monthlyCapPerAdvocate, BigDecimal monthlyBudget, int holdDays, Requirement require,
                       BigDecimal minRevenue) {
        this(advocate, friend, tiers, reviewAbove, monthlyCapPerAdvocate, monthlyBudget, holdDays, require, minRevenue,
                null);
    }

    public RewardRules {
        tiers = tiers == null ? List.of() : tiers.stream().sorted(Comparator.comparingInt(Tier::fromConverted)).toList();
        require = require == null ? Requirement.FIRST_CONVERSION : require;
    }

    public record Amount(BigDecimal amount, String currency) {
    }

    /** From the {@code fromConverted}-th converted referral of an advocate on, the advocate's reward is {@code amount}. */
    public record Tier(int fromConverted, BigDecimal amount) {
    }

    public enum Requirement {
        /** The first conversion of any kind pays: a first paid invoice or a won deal. */
        FIRST_CONVERSION,
        /** Pay only once the deal is won and the first invoice is paid, in either order. */
        DEAL_WON_AND_FIRST_PAYMENT;

        @com.fasterxml.jackson.annotation.JsonCreator
        static Requirement of(String value) {
            return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    /** Revenue that earns a reward: above zero, and at least {@code min-revenue} when set (none or zero earns nothing). */
    public boolean earns(BigDecimal revenue) {
        return revenue != null && revenue.signum() > 0 && (minRevenue == null || revenue.compareTo(minRevenue) >= 0);
    }

    /** How many different approvers a held reward of this amount needs: two above {@code second-approval-above}. */
    public int approversNeeded(BigDecimal amount) {
        return secondApprovalAbove != null && amount != null && amount.compareTo(secondApprovalAbove) > 0 ? 2 : 1;
    }

    /** What a reward to the referred friend adds to the month's spending, if the programme has one. */
    public BigDecimal friendAmount() {
        return friend == null ? BigDecimal.ZERO : friend.amount();
    }

    /** The advocate's amount for their {@code converted}-th converted referral. */
    public BigDecimal advocateAmount(int converted) {
        BigDecimal amount = advocate.amount();
        for (Tier tier : tiers) {
            if (converted >= tier.fromConverted()) {
                amount = tier.amount();
            }
        }
        return amount;
    }

    /** Binds only the {@code rewards:} section of program.yaml; the rest belongs to the referral rules (and notify: reminders). */
    @JsonIgnoreProperties({"programme", "enrolment", "attribution", "reminders"})
    public record File(RewardRules rewards) {
    }
}
