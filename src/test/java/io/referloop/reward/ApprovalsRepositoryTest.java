package io.referloop.reward;

import io.referloop.referral.Referral;
import io.referloop.support.FixedClock;
import io.referloop.support.ReferralRows;
import io.referloop.support.RepositorySlice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@RepositorySlice
class ApprovalsRepositoryTest {

    private static final Instant NOW = FixedClock.NOW;

    @Autowired
    Approvals approvals;
    @Autowired
    Rewards rewards;
    @Autowired
    ReferralRows rows;

    long reward;
    long otherReward;

    @BeforeEach
    void twoHeldRewards() {
        long advocate = rows.ada();
        reward = heldReward(advocate, "grace@acme.com");
        otherReward = heldReward(advocate, "alan@globex.com");
    }

    private long heldReward(long advocate, String email) {
        long referral = rows.referral(advocate, email, Referral.Status.converted);
        return rewards.create(referral, advocate, Reward.Beneficiary.advocate, "ada@example.com", "Ada",
                new BigDecimal("900"), "USD", Reward.Status.HELD, "above the second approval threshold", null, NOW).id();
    }

    @Test
    void anApprovalIsKeptWithWhoApprovedWhyAndWhen() {
        approvals.add(reward, "ada", "ada@example.com", "known customer", NOW);

        assertThat(approvals.of(reward)).containsExactly(
                new Approvals.Approval(reward, "ada", "ada@example.com", "known customer", NOW));
    }

    @Test
    void approvalsAreListedInTheOrderTheyWereGiven() {
        approvals.add(reward, "grace", null, "checked the deal", NOW);
        approvals.add(reward, "ada", "ada@example.com", "known customer", NOW.plusSeconds(60));

        assertThat(approvals.of(reward)).extracting(Approvals.Approval::approver).containsExactly("grace", "ada");
    }

    @Test
    void theSameApproverCannotApproveARewardTwice() {
        approvals.add(reward, "ada", "ada@example.com", "known customer", NOW);

        assertThatThrownBy(() -> approvals.add(reward, "ada", "ada@example.com", "still fine", NOW))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void oneApproverMayApproveTwoDifferentRewards() {
        approvals.add(reward, "ada", null, "known customer", NOW);
        approvals.add(otherReward, "ada", null, "known customer", NOW);

        assertThat(approvals.of(otherReward)).extracting(Approvals.Approval::approver).containsExactly("ada");
    }

    @Test
    void anotherRewardsApprovalsAreNotListed() {
        approvals.add(otherReward, "ada", null, "known customer", NOW);

        assertThat(approvals.of(reward)).isEmpty();
    }

    @Test
    void anApprovalOfARewardThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> approvals.add(999_999L, "ada", null, "known customer", NOW))
                .isInstanceOf(DataIntegrityViolationException.class);
    }
}
