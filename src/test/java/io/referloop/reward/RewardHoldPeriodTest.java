package io.referloop.reward;

import io.referloop.referral.DecisionLog;
import io.referloop.support.PaidReferrals;
import io.referloop.support.Programme;
import io.referloop.support.SharedContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** With a 3-day hold: a full refund or a dispute of the converting payment cancels the reward. */
@SharedContext
@Programme({"hold-days: 0", "hold-days: 3"})
class RewardHoldPeriodTest {

    @Autowired
    PaidReferrals paid;
    @Autowired
    RewardService rewards;
    @Autowired
    Rewards rewardRows;
    @Autowired
    DecisionLog decisions;

    @Test
    void aConvertedReferralWaitsOutTheHold() {
        Reward reward = convert("in_" + UUID.randomUUID());
        assertThat(reward.status()).isEqualTo(Reward.Status.PENDING);
        assertThat(reward.releaseAt()).isAfter(reward.createdAt().plusSeconds(3 * 86400 - 60));
    }

    @Test
    void aFullRefundInsideTheHoldCancelsTheReward() {
        String invoice = "in_" + UUID.randomUUID();
        Reward reward = convert(invoice);
        rewards.onRefund(new Refund("stripe", "refund", List.of("ch_" + invoice)));
        assertThat(rewardRows.byId(reward.id()).orElseThrow().status()).isEqualTo(Reward.Status.CANCELED);
    }

    @Test
    void aDisputeInsideTheHoldCancelsTheReward() {
        String invoice = "in_" + UUID.randomUUID();
        Reward reward = convert(invoice);
        rewards.onRefund(new Refund("stripe", "dispute", List.of("ch_" + invoice)));
        assertThat(rewardRows.byId(reward.id()).orElseThrow().status()).isEqualTo(Reward.Status.CANCELED);
    }

    @Test
    void aRefundOfAnIssuedRewardIsFlaggedNotIgnored() {
        String invoice = "in_" + UUID.randomUUID();
        Reward reward = convert(invoice);
        rewardRows.transition(reward.id(), Reward.Status.PENDING, Reward.Status.ISSUING, null, java.time.Instant.now());
        rewards.recordIssued(reward.id(), "tremendous", new GiftCardReceipt("ORD1", "EXECUTED", false));

        rewards.onRefund(new Refund("stripe", "refund", List.of("ch_" + invoice)));

        assertThat(rewardRows.byId(reward.id()).orElseThrow().status()).isEqualTo(Reward.Status.ISSUED);
        assertThat(decisions.forReferral(reward.referralId()))
                .anySatisfy(d -> assertThat(d.outcome()).isEqualTo("flagged-after-issue"));
    }

    private Reward convert(String invoice) {
        return paid.convert(paid.advocate(), PaidReferrals.friend(), invoice);
    }
}
