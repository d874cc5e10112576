package io.referloop.reward;

import io.referloop.mapping.LiveMapping;
import io.referloop.referral.Advocates;
import io.referloop.referral.DecisionLog;
import io.referloop.referral.Emails;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A person's decision on a held reward, with a required reason. Above {@code rewards.second-approval-above} a
 * reward needs two different approvers: the first approval is kept (and logged) and the reward stays held until a
 * second person approves; anyone may reject it meanwhile. Nobody approves a reward paid to their own mailbox.
 * Every decision goes to the decision log with who took it; the reward then moves through {@link RewardService}.
 */
@Service
public class ApprovalService {

    /** What an approval did: issued the reward, or recorded the first of two approvals. */
    public record Outcome(Reward reward, boolean issued, int approvals, int needed) {
    }

    private final RewardService rewardService;
    private final Rewards rewards;
    private final Approvals approvals;
    private final Advocates advocates;
    private final DecisionLog decisions;
    private final LiveMapping<RewardRules> rules;
    private final Clock clock;

    ApprovalService(RewardService rewardService, Rewards rewards, Approvals approvals, Advocates advocates,
                    DecisionLog decisions, LiveMapping<RewardRules> rules, Clock clock) {
        this.rewardService = rewardService;
        this.rewards = rewards;
        this.approvals = approvals;
        this.advocates = advocates;
        this.decisions = decisions;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * @param approver        who approves: a console username, or the admin API (one principal for everyone with the token)
     * @param approverMailbox their email address, if known: a reward to it is refused, and it names the same person
     *                        under another name
     */
    @Transactional
    public Outcome approve(long rewardId, String approver, String approverMailbox, String reason) {
        String why = required(reason);
        approvals.lockReward(rewardId);
        Reward reward = held(rewardId);
        refuseOwnReward(reward, approverMailbox);
        List<Approvals.Approval> before = approvals.of(rewardId);
        if (before.stream().anyMatch(a -> samePerson(a, approver, approverMailbox))) {
            throw new IllegalStateException("you approved reward " + rewardId + " already; it needs a second, different approver");
        }
        int needed = rules.current().approversNeeded(reward.amount());
        if (before.size() + 1 < needed) {
            approvals.add(rewardId, approver, mailbox(approverMailbox), why, Instant.now(clock));
            Map<String, Object> inputs = new LinkedHashMap<>();
            inputs.put("by", approver);
            inputs.put("reason", why);
            inputs.put("approvals", before.size() + 1);
            inputs.put("needed", needed);
            inputs.put("secondApprovalAbove", rules.current().secondApprovalAbove());
            decisions.record(reward.referralId(), reward.advocateId(), "reward:" + rewardId, "review-first-approval",
                    "approved-once", inputs);
            return new Outcome(reward, false, before.size() + 1, needed);
        }
        Reward moved = rewardService.approve(rewardId, approver, why);
        return new Outcome(moved, true, before.size() + 1, needed);
    }

    @Transactional
    public Reward reject(long rewardId, String approver, String reason) {
        String why = required(reason);
        approvals.lockReward(rewardId);
        held(rewardId);
        return rewardService.reject(rewardId, approver, why);
    }

    /** The approvals a held reward has so far. */
    public List<Approvals.Approval> approvalsOf(long rewardId) {
        return approvals.of(rewardId);
    }

    public int approversNeeded(Reward reward) {
        return rules.current().approversNeeded(reward.amount());
    }

    private Reward held(long rewardId) {
        Reward reward = rewards.byId(rewardId).orElseThrow(() -> new IllegalArgumentException("no reward " + rewardId));
        if (reward.status() != Reward.Status.HELD) {
            throw new IllegalStateException("reward " + rewardId + " is " + reward.status() + ", not HELD");
        }
        return reward;
    }

    /**
     * One person may appear under two names: a console username, and their email when they sign in with OpenID
     * Connect or decide in a CRM. The mailbox tells them apart from another person.
     */
    private static boolean samePerson(Approvals.Approval earlier, String approver, String mailbox) {
        return earlier.approver().equalsIgnoreCase(approver)
                || (mailbox != null && earlier.mailbox() != null && Emails.samePerson(earlier.mailbox(), mailbox));
    }

    private static String mailbox(String mailbox) {
        return mailbox == null || mailbox.isBlank() ? null : mailbox.strip();
    }

    private void refuseOwnReward(Reward reward, String mailbox) {
        if (mailbox == null || mailbox.isBlank()) {
            return;
        }
        String advocateEmail = advocates.byId(reward.advocateId()).map(a -> a.email()).orElse(null);
        if (Emails.samePerson(mailbox, reward.recipientEmail()) || Emails.samePerson(mailbox, advocateEmail)) {
            throw new IllegalStateException("reward " + reward.id() + " is paid to your own email; another approver must decide it");
        }
    }

    private static String required(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a reason is required");
        }
        String trimmed = reason.strip();
        return trimmed.length() <= 400 ? trimmed : trimmed.substring(0, 400);
    }
}
