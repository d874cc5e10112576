package io.referloop.admin;

import io.referloop.referral.Advocate;
import io.referloop.referral.ReferralService;
import io.referloop.reward.Conversion;
import io.referloop.reward.GiftCardReceipt;
import io.referloop.reward.Reward;
import io.referloop.reward.RewardService;
import io.referloop.reward.Rewards;
import io.referloop.support.EmptyDatabase;
import io.referloop.support.SharedContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@SharedContext
@EmptyDatabase
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ProgrammeMetricsTest {

    @Autowired
    ReferralService referrals;
    @Autowired
    RewardService rewards;
    @Autowired
    Rewards rewardRows;
    @Autowired
    ProgrammeMetrics metrics;

    @Test
    @org.junit.jupiter.api.Order(1)
    void reportsTheProgrammeFromReferralsConversionsAndIssuedRewards() {
        Advocate active = referrals.enrolByHand("ada@one.io", "Ada");
        referrals.enrolByHand("bob@two.io", "Bob");
        referrals.register(active.code(), "c1@three.io", null);
        referrals.register(active.code(), "c2@four.io", null);
        referrals.referralOfCustomer("test", "c2@four.io", null, null);
        rewards.onConversion(new Conversion(Conversion.Kind.FIRST_PAYMENT, "stripe", "in_1", "ch_1", "c1@three.io",
                null, null, new BigDecimal("450.00"), "USD", Instant.now(), null, null));
        Reward reward = rewardRows.withStatus(Reward.Status.ISSUING).get(0);
        rewards.recordIssued(reward.id(), "tremendous", new GiftCardReceipt("ORD1", "EXECUTED", false));

        ProgrammeMetrics.Snapshot s = metrics.snapshot();

        assertThat(s.advocates()).isEqualTo(2);
        assertThat(s.participationRate()).isEqualTo(0.5);
        assertThat(s.attributedReferrals()).isEqualTo(2);
        assertThat(s.convertedReferrals()).isEqualTo(1);
        assertThat(s.referralConversionRate()).isEqualTo(0.5);
        assertThat(s.rewardCost()).isEqualByComparingTo("50");
        assertThat(s.costPerReferredAcquisition()).isEqualByComparingTo("50");
        assertThat(s.attributedRevenue()).isEqualByComparingTo("450");
        assertThat(s.viralCoefficient()).isEqualTo(0.5);
        assertThat(s.roi()).isCloseTo(8.0, within(0.0001));
        assertThat(s.medianHoursToConversion()).isNotNull().isGreaterThanOrEqualTo(0.0);
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void colleaguesWhoJoinedTheirCompanysReferralCountAsOneReferral() {
        Advocate advocate = referrals.enrolByHand("grace@five.io", "Grace");
        long before = metrics.snapshot().attributedReferrals();
        referrals.register(advocate.code(), null, "six.io");
        for (String colleague : new String[] {"a@six.io", "b@six.io", "c@six.io"}) {
            referrals.onContact(new io.referloop.referral.ContactSnapshot("hubspot", colleague,
                    java.util.Map.of(io.referloop.referral.ContactSnapshot.EMAIL, colleague), Instant.now()));
        }

        assertThat(metrics.snapshot().attributedReferrals()).isEqualTo(before + 1);
    }
}
