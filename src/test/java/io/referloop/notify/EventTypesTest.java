package io.referloop.notify;

import io.referloop.referral.Advocate;
import io.referloop.referral.AdvocateChanged;
import io.referloop.referral.Referral;
import io.referloop.referral.ReferralDecided;
import io.referloop.reward.Reward;
import io.referloop.reward.RewardChanged;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which domain change is which event, and what its data carries. */
class EventTypesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Advocate ADVOCATE = new Advocate(3, "ADA123", "ada@advocate.io", "Ada Lovelace", "hubspot",
            "101", Advocate.ACTIVE, "trigger", NOW);
    private static final Referral REFERRAL = new Referral(7, 3, "grace@friend.io", "friend.io", "hubspot", "202",
            Referral.Attribution.code, Referral.Status.attributed, NOW, NOW, null);

    @Test
    void rewardStatusesAreRewardEvents() {
        assertThat(EventTypes.ofReward(Reward.Status.PENDING)).contains("reward.pending");
        assertThat(EventTypes.ofReward(Reward.Status.HELD)).contains("reward.held");
        assertThat(EventTypes.ofReward(Reward.Status.ISSUED)).contains("reward.issued");
        assertThat(EventTypes.ofReward(Reward.Status.FAILED)).contains("reward.failed");
        assertThat(EventTypes.ofReward(Reward.Status.CANCELED)).contains("reward.canceled");
        assertThat(EventTypes.ofReward(Reward.Status.REJECTED)).contains("reward.rejected");
        assertThat(EventTypes.ofReward(Reward.Status.ISSUING)).isEmpty();
    }

    @Test
    void aHeldRewardCarriesAdvocateReferralAndRewardButNoKey() {
        DomainEvent event = EventTypes.of(new RewardChanged(reward(Reward.Status.HELD), REFERRAL, ADVOCATE, 1,
                BigDecimal.ZERO, "hubspot", null), NOW).orElseThrow();
        assertThat(event.type()).isEqualTo("reward.held");
        assertThat(event.id()).startsWith("evt_");
        assertThat(event.subject()).isEqualTo("reward:42");
        assertThat(event.advocateId()).isEqualTo(3L);
        assertThat(event.data()).containsKeys("advocate", "referral", "reward");
        @SuppressWarnings("unchecked")
        Map<String, Object> reward = (Map<String, Object>) event.data().get("reward");
        assertThat(reward).containsEntry("amount", "250").containsEntry("reason", "above the review threshold")
                .doesNotContainKey("idempotencyKey");
        assertThat(event.data().toString()).doesNotContain("idem-key-42");
    }

    @Test
    void aFriendRewardOrAConversionWithoutRewardIsNoEvent() {
        assertThat(EventTypes.of(new RewardChanged(null, REFERRAL, ADVOCATE, 1, BigDecimal.ZERO, "hubspot", null), NOW))
                .isEmpty();
    }

    @Test
    void referralDecisions() {
        assertThat(EventTypes.of(new ReferralDecided(REFERRAL, ADVOCATE), NOW).orElseThrow().type())
                .isEqualTo("referral.attributed");
        Referral rejected = new Referral(8, 3, "ada@advocate.io", "advocate.io", "hubspot", "203",
                Referral.Attribution.code, Referral.Status.rejected, NOW, NOW, null);
        DomainEvent event = EventTypes.of(new ReferralDecided(rejected, ADVOCATE, "same mailbox as the advocate"), NOW)
                .orElseThrow();
        assertThat(event.type()).isEqualTo("referral.rejected");
        assertThat(event.data().get("referral").toString()).contains("same mailbox as the advocate");
    }

    @Test
    void enrolmentCarriesCodeAndLink() {
        DomainEvent event = EventTypes.enrolled(new AdvocateChanged(ADVOCATE, "https://x.io/r/ADA123", 0), NOW);
        assertThat(event.type()).isEqualTo("advocate.enrolled");
        assertThat(event.data().get("advocate").toString()).contains("ADA123", "https://x.io/r/ADA123");
    }

    private static Reward reward(Reward.Status status) {
        return new Reward(42, 7, 3, Reward.Beneficiary.advocate, "ada@advocate.io", "Ada Lovelace",
                new BigDecimal("250"), "USD", status, "above the review threshold", "idem-key-42", null, null, 0, null,
                NOW, null, null);
    }
}
