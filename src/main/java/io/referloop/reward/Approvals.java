package io.referloop.reward;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** First approvals of held rewards that need two approvers ({@code reward_approval}). */
@Repository
public class Approvals {

    /** @param mailbox the approver's email when known: the same person under another name is still one approver */
    public record Approval(long rewardId, String approver, String mailbox, String reason, Instant approvedAt) {
    }

    private final JdbcClient jdbc;

    Approvals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(long rewardId, String approver, String mailbox, String reason, Instant now) {
        jdbc.sql("INSERT INTO reward_approval (reward_id, approver, approver_mailbox, reason, approved_at) VALUES (?, ?, ?, ?, ?)")
                .params(rewardId, approver, mailbox, reason, Timestamp.from(now)).update();
    }

    public List<Approval> of(long rewardId) {
        return jdbc.sql("SELECT * FROM reward_approval WHERE reward_id = ? ORDER BY id").param(rewardId)
                .query((rs, i) -> new Approval(rs.getLong("reward_id"), rs.getString("approver"),
                        rs.getString("approver_mailbox"), rs.getString("reason"),
                        rs.getTimestamp("approved_at").toInstant()))
                .list();
    }

    /** Locks the reward's row until the transaction ends: two approvers at once are decided one after the other. */
    void lockReward(long rewardId) {
        jdbc.sql("SELECT id FROM reward WHERE id = ? FOR UPDATE").param(rewardId).query(Long.class).optional();
    }
}
