package io.referloop.reward;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
public class Rewards {

    private static final RowMapper<Reward> ROW = (rs, i) -> new Reward(rs.getLong("id"), rs.getLong("referral_id"),
            rs.getLong("advocate_id"), Reward.Beneficiary.valueOf(rs.getString("beneficiary")),
            rs.getString("recipient_email"), rs.getString("recipient_name"), rs.getBigDecimal("amount"),
            rs.getString("currency"), Reward.Status.valueOf(rs.getString("status")), rs.getString("reason"),
            rs.getString("idempotency_key"), rs.getString("provider"), rs.getString("provider_order_id"),
            rs.getInt("attempts"), instant(rs.getTimestamp("release_at")), instant(rs.getTimestamp("created_at")),
            instant(rs.getTimestamp("issued_at")), rs.getString("last_error"));

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public Rewards(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** The idempotency key is drawn here, once: every order attempt for this reward reuses it. */
    public Reward create(long referralId, long advocateId, Reward.Beneficiary beneficiary, String email, String name,
                         BigDecimal amount, String currency, Reward.Status status, String reason, Instant releaseAt,
                         Instant now) {
        String key = "RL" + UUID.randomUUID().toString().replace("-", "");
        GeneratedKeyHolder id = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO reward (referral_id, advocate_id, beneficiary, recipient_email, recipient_name, amount,
                                    currency, status, reason, idempotency_key, next_attempt_at, release_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(referralId, advocateId, beneficiary.name(), email, name, amount, currency, status.name(),
                        reason, key, Timestamp.from(now), ts(releaseAt), Timestamp.from(now))
                .update(id, "id");
        return byId(id.getKey().longValue()).orElseThrow();
    }

    public Optional<Reward> byId(long id) {
        return jdbc.sql("SELECT * FROM reward WHERE id = ?").param(id).query(ROW).optional();
    }

    public List<Reward> forReferral(long referralId) {
        return jdbc.sql("SELECT * FROM reward WHERE referral_id = ? ORDER BY id").param(referralId).query(ROW).list();
    }

    public List<Reward> withStatus(Reward.Status status) {
        return jdbc.sql("SELECT * FROM reward WHERE status = ? ORDER BY id").param(status.name()).query(ROW).list();
    }

    public List<Reward> all() {
        return jdbc.sql("SELECT * FROM reward ORDER BY id").query(ROW).list();
    }

    /** Rewards of an advocate created since {@code from} that still count (not rejected or canceled). */
    public int countForAdvocateSince(long advocateId, Instant from) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM reward WHERE advocate_id = ? AND beneficiary = 'advocate' AND created_at >= ?
                  AND status NOT IN ('REJECTED', 'CANCELED')""")
                .params(advocateId, Timestamp.from(from)).query(Integer.class).single();
    }

    /** Whether another referral of this company domain already has an advocate reward that still counts. */
    public boolean companyRewarded(String domain, long otherThanReferralId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM reward w JOIN referral r ON r.id = w.referral_id
                WHERE r.referred_domain = ? AND r.id <> ? AND w.beneficiary = 'advocate'
                  AND w.status NOT IN ('REJECTED', 'CANCELED')""")
                .params(domain, otherThanReferralId).query(Long.class).single() > 0;
    }

    /** What the programme has committed since {@code from}: everything not rejected or canceled. */
    public BigDecimal committedSince(Instant from) {
        BigDecimal sum = jdbc.sql("""
                SELECT COALESCE(SUM(amount), 0) FROM reward WHERE created_at >= ? AND status NOT IN ('REJECTED', 'CANCELED', 'HELD')""")
                .param(Timestamp.from(from)).query(BigDecimal.class).single();
        return sum == null ? BigDecimal.ZERO : sum;
    }

    public BigDecimal issuedTotalForAdvocate(long advocateId) {
        BigDecimal sum = jdbc.sql("""
                SELECT COALESCE(SUM(amount), 0) FROM reward WHERE advocate_id = ? AND beneficiary = 'advocate' AND status = 'ISSUED'""")
                .param(advocateId).query(BigDecimal.class).single();
        return sum == null ? BigDecimal.ZERO : sum;
    }

    /** Moves a reward from one status to another; false if someone else moved it first. */
    public boolean transition(long id, Reward.Status from, Reward.Status to, String reason, Instant now) {
        return jdbc.sql("UPDATE reward SET status = ?, reason = COALESCE(?, reason), next_attempt_at = ? WHERE id = ? AND status = ?")
                .params(to.name(), reason, Timestamp.from(now), id, from.name()).update() == 1;
    }

    /**
     * Claims the oldest ISSUING reward due now for one order attempt, safe across instances: its next attempt is
     * pushed out to {@code leaseUntil}, so nobody else orders it until then (after a crash, the same key is used again
     * once the lease ran out). {@code FOR UPDATE SKIP LOCKED} lets instances claiming at the same moment take
     * different rewards instead of queueing on the same row; the update checks the state again in any case.
     */
    public Optional<Long> claimNext(Instant now, Instant leaseUntil) {
        return transaction.execute(tx -> {
            Optional<Long> due = jdbc.sql("""
                    SELECT id FROM reward WHERE status = 'ISSUING' AND next_attempt_at <= ?
                    ORDER BY status, next_attempt_at FETCH FIRST 1 ROWS ONLY FOR UPDATE SKIP LOCKED""")
                    .param(Timestamp.from(now)).query(Long.class).optional();
            return due.filter(id -> jdbc.sql(
                            "UPDATE reward SET next_attempt_at = ? WHERE id = ? AND status = 'ISSUING' AND next_attempt_at <= ?")
                    .params(Timestamp.from(leaseUntil), id, Timestamp.from(now)).update() == 1);
        });
    }

    public List<Long> dueForRelease(Instant now) {
        return jdbc.sql("SELECT id FROM reward WHERE status = 'PENDING' AND release_at <= ? ORDER BY id")
                .param(Timestamp.from(now)).query(Long.class).list();
    }

    public void markIssued(long id, String provider, String orderId, Instant now) {
        jdbc.sql("""
                UPDATE reward SET status = 'ISSUED', provider = ?, provider_order_id = ?, issued_at = ?,
                                  attempts = attempts + 1, last_error = NULL WHERE id = ? AND status = 'ISSUING'""")
                .params(provider, orderId, Timestamp.from(now), id).update();
    }

    public void attemptFailed(long id, String provider, String error, Instant nextAttempt, boolean giveUp) {
        jdbc.sql("""
                UPDATE reward SET status = ?, provider = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ?
                WHERE id = ? AND status = 'ISSUING'""")
                .params(giveUp ? "FAILED" : "ISSUING", provider, truncate(error), Timestamp.from(nextAttempt), id).update();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
