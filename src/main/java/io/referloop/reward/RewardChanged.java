package io.referloop.reward;

import io.referloop.referral.Advocate;
import io.referloop.referral.Referral;

import java.math.BigDecimal;

/**
 * Published inside the transaction that changed a reward, so CRM writes commit with it.
 *
 * @param referralsConverted the advocate's converted referrals so far
 * @param rewardsTotal       the advocate's issued rewards so far
 * @param crmDealId          the deal that converted, when a CRM deal did
 */
public record RewardChanged(Reward reward, Referral referral, Advocate advocate, int referralsConverted,
                            BigDecimal rewardsTotal, String crm, String crmDealId) {

    /** Why the reward waits or will never be paid, as the CRM shows it; empty otherwise. */
    public String crmReason() {
        return reward != null && reward.status().explained() && reward.reason() != null ? reward.reason() : "";
    }
}
