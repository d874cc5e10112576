package io.referloop.reward;

import io.referloop.referral.Referral;
import io.referloop.reward.Reward.Beneficiary;
import io.referloop.reward.Reward.Status;
import io.referloop.support.FixedClock;
import io.referloop.support.ReferralRows;
import io.referloop.support.RepositorySlice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reward table's create, find, listing and status moves (ordering from the provider is not covered here). */
@RepositorySlice
class RewardsRepositoryTest {

    private static final Instant NOW = FixedClock.NOW;
    private static final Instant MONTH_START = Instant.parse("2026-03-01T00:00:00Z");

    @Autowired
    Rewards rewards;
    @Autowired
    ReferralRows rows;

    long advocate;

    @BeforeEach
    void anAdvocate() {
        advocate = rows.ada();
    }

    private long referral(String email) {
        return rows.referral(advocate, email, Referral.Status.converted);
    }

    private Reward reward(long referral, Beneficiary beneficiary, String amount, Status status) {
        return rewards.create(referral, advocate, beneficiary, "ada@example.com", "Ada", new BigDecimal(amount), "USD",
                status, null, null, NOW);
    }

    @Test
    void aCreatedRewardIsFoundAsItWasCreated() {
        long referral = referral("grace@acme.com");
        Instant release = NOW.plus(Duration.ofDays(30));

        Reward created = rewards.create(referral, advocate, Beneficiary.advocate, "ada@example.com", "Ada",
                new BigDecimal("50"), "USD", Status.PENDING, "hold period", release, NOW);

        Reward found = rewards.byId(created.id()).orElseThrow();
        assertThat(found.referralId()).isEqualTo(referral);
        assertThat(found.advocateId()).isEqualTo(advocate);
        assertThat(found.beneficiary()).isEqualTo(Beneficiary.advocate);
        assertThat(found.amount()).isEqualByComparingTo("50");
        assertThat(found.currency()).isEqualTo("USD");
        assertThat(found.status()).isEqualTo(Status.PENDING);
        assertThat(found.reason()).isEqualTo("hold period");
        assertThat(found.releaseAt()).isEqualTo(release);
        assertThat(found.createdAt()).isEqualTo(NOW);
        assertThat(found.attempts()).isZero();
        assertThat(found.issuedAt()).isNull();
    }

    @Test
    void eachRewardGetsItsOwnIdempotencyKeyWhenCreated() {
        Reward first = reward(referral("grace@acme.com"), Beneficiary.advocate, "50", Status.PENDING);
        Reward second = reward(referral("alan@globex.com"), Beneficiary.advocate, "50", Status.PENDING);

        assertThat(first.idempotencyKey()).startsWith("RL").hasSize(34);
        assertThat(first.idempotencyKey()).isNotEqualTo(second.idempotencyKey());
    }

    @Test
    void aSecondRewardForTheSameReferralAndBeneficiaryIsRefused() {
        long referral = referral("grace@acme.com");
        reward(referral, Beneficiary.advocate, "50", Status.PENDING);

        assertThatThrownBy(() -> reward(referral, Beneficiary.advocate, "50", Status.PENDING))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void theAdvocateAndTheFriendAreEachRewardedForOneReferral() {
        long referral = referral("grace@acme.com");
        Reward advocateReward = reward(referral, Beneficiary.advocate, "50", Status.PENDING);
        Reward friendReward = reward(referral, Beneficiary.friend, "20", Status.PENDING);

        assertThat(rewards.forReferral(referral)).containsExactly(advocateReward, friendReward);
    }

    @Test
    void rewardsAreListedByStatusInTheOrderTheyWereCreated() {
        Reward first = reward(referral("grace@acme.com"), Beneficiary.advocate, "50", Status.HELD);
        reward(referral("alan@globex.com"), Beneficiary.advocate, "50", Status.PENDING);
        Reward third = reward(referral("kay@initech.com"), Beneficiary.advocate, "50", Status.HELD);

        assertThat(rewards.withStatus(Status.HELD)).containsExactly(first, third);
        assertThat(rewards.all()).hasSize(3);
    }

    @Test
    void aRewardMovesFromTheStatusTheCallerExpected() {
        Reward held = reward(referral("grace@acme.com"), Beneficiary.advocate, "500", Status.HELD);

        boolean moved = rewards.transition(held.id(), Status.HELD, Status.ISSUING, "approved by ada", NOW);

        assertThat(moved).isTrue();
        Reward after = rewards.byId(held.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(Status.ISSUING);
        assertThat(after.reason()).isEqualTo("approved by ada");
    }

    @Test
    void aMoveFromAStatusTheRewardNoLongerHasIsRefused() {
        Reward held = reward(referral("grace@acme.com"), Beneficiary.advocate, "500", Status.HELD);
        rewards.transition(held.id(), Status.HELD, Status.REJECTED, "rejected by grace", NOW);

        boolean moved = rewards.transition(held.id(), Status.HELD, Status.ISSUING, "approved by ada", NOW);

        assertThat(moved).isFalse();
        assertThat(rewards.byId(held.id()).orElseThrow().status()).isEqualTo(Status.REJECTED);
    }

    @Test
    void aMoveWithoutAReasonKeepsTheReasonBefore() {
        Reward created = rewards.create(referral("grace@acme.com"), advocate, Beneficiary.advocate, "ada@example.com",
                "Ada", new BigDecimal("500"), "USD", Status.HELD, "above the review threshold", null, NOW);

        rewards.transition(created.id(), Status.HELD, Status.ISSUING, null, NOW);

        assertThat(rewards.byId(created.id()).orElseThrow().reason()).isEqualTo("above the review threshold");
    }

    @Test
    void aPendingRewardIsDueForReleaseOnceItsHoldHasEnded() {
        long referral = referral("grace@acme.com");
        Reward ended = rewards.create(referral, advocate, Beneficiary.advocate, "ada@example.com", "Ada",
                new BigDecimal("50"), "USD", Status.PENDING, null, NOW.minusSeconds(1), NOW);
        rewards.create(referral, advocate, Beneficiary.friend, "grace@acme.com", "Grace",
                new BigDecimal("20"), "USD", Status.PENDING, null, NOW.plusSeconds(1), NOW);

        assertThat(rewards.dueForRelease(NOW)).containsExactly(ended.id());
    }

    @Test
    void rejectedAndCanceledRewardsDoNotCountTowardsAnAdvocatesCap() {
        reward(referral("grace@acme.com"), Beneficiary.advocate, "50", Status.PENDING);
        reward(referral("alan@globex.com"), Beneficiary.advocate, "50", Status.REJECTED);
        reward(referral("kay@initech.com"), Beneficiary.advocate, "50", Status.CANCELED);
        reward(referral("linus@hooli.com"), Beneficiary.friend, "20", Status.PENDING);

        assertThat(rewards.countForAdvocateSince(advocate, MONTH_START)).isEqualTo(1);
    }

    @Test
    void rewardsCreatedBeforeThePeriodDoNotCountTowardsTheCap() {
        reward(referral("grace@acme.com"), Beneficiary.advocate, "50", Status.PENDING);

        assertThat(rewards.countForAdvocateSince(advocate, NOW.plusSeconds(1))).isZero();
    }

    @Test
    void heldRejectedAndCanceledRewardsAreNotCommittedSpending() {
        reward(referral("grace@acme.com"), Beneficiary.advocate, "50", Status.PENDING);
        reward(referral("alan@globex.com"), Beneficiary.advocate, "25.50", Status.ISSUING);
        reward(referral("kay@initech.com"), Beneficiary.advocate, "500", Status.HELD);
        reward(referral("linus@hooli.com"), Beneficiary.advocate, "70", Status.REJECTED);
        reward(referral("ken@bell.com"), Beneficiary.advocate, "80", Status.CANCELED);

        assertThat(rewards.committedSince(MONTH_START)).isEqualByComparingTo("75.50");
    }

    @Test
    void nothingCommittedIsZero() {
        assertThat(rewards.committedSince(MONTH_START)).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"PENDING, true", "REJECTED, false"})
    void aCompanyIsRewardedWhenAnotherOfItsReferralsHasAnAdvocateRewardThatCounts(Status status, boolean counts) {
        long first = referral("grace@acme.com");
        long second = referral("alan@acme.com");
        reward(first, Beneficiary.advocate, "50", status);

        assertThat(rewards.companyRewarded("acme.com", second)).isEqualTo(counts);
        assertThat(rewards.companyRewarded("acme.com", first)).isFalse();
    }

    @Test
    void onlyIssuedAdvocateRewardsAddUpToWhatAnAdvocateWasPaid() {
        Reward issued = reward(referral("grace@acme.com"), Beneficiary.advocate, "50", Status.ISSUING);
        reward(referral("alan@globex.com"), Beneficiary.advocate, "30", Status.PENDING);
        rewards.transition(issued.id(), Status.ISSUING, Status.ISSUED, null, NOW);

        assertThat(rewards.issuedTotalForAdvocate(advocate)).isEqualByComparingTo("50");
    }
}
