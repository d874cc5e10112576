package io.referloop.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.ingest.ClusterLock;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Events waiting to reach the routes ({@code status}) and the webhook receiver ({@code webhook_status}).
 * Rows are added in the transaction of the decision; each delivery moves from PENDING to DELIVERED, SKIPPED
 * (nobody listens: no route for the type, no webhook URL) or FAILED (given up; visible and counted).
 * <p>
 * With several instances on one database, one delivers a channel at a time: it holds the lease
 * {@code events:<channel>} ({@link ClusterLock}), renewed on every call of {@link #pending}, handed back on a
 * graceful stop and taken over once it ran out after a crash. An advocate's events go out in order, which
 * deliverers on several instances could not keep.
 */
@Repository
public class EventOutbox implements DisposableBean {

    /** Longer than one delivery run (a page of webhook calls, each with its timeout). */
    static final Duration DELIVERER_LEASE = Duration.ofMinutes(2);

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String SKIPPED = "SKIPPED";
    public static final String FAILED = "FAILED";

    /** The two deliveries of an event, each with its own columns. */
    public enum Channel {
        ROUTES("status", "attempts", "next_attempt_at", "delivered_at", "last_error"),
        WEBHOOK("webhook_status", "webhook_attempts", "webhook_next_attempt_at", "webhook_delivered_at",
                "webhook_last_error");

        final String status;
        final String attempts;
        final String next;
        final String delivered;
        final String error;

        Channel(String status, String attempts, String next, String delivered, String error) {
            this.status = status;
            this.attempts = attempts;
            this.next = next;
            this.delivered = delivered;
            this.error = error;
        }
    }

    /** A stored event: its JSON exactly as every delivery sends it, and how often this channel tried. */
    public record Row(long id, String eventId, String type, Long advocateId, String json, Instant createdAt,
                      int attempts, Instant nextAttemptAt) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final ClusterLock lock;
    private final Set<String> leases = ConcurrentHashMap.newKeySet();

    public EventOutbox(JdbcClient jdbc, ObjectMapper json, Clock clock, ClusterLock lock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.lock = lock;
    }

    /** Hands the deliverer leases back, so another instance delivers at once rather than after they ran out. */
    @Override
    public void destroy() {
        leases.forEach(lock::release);
    }

    public void add(DomainEvent event, boolean webhook) {
        Timestamp now = Timestamp.from(Instant.now(clock));
        jdbc.sql("""
                INSERT INTO event_outbox (event_id, event_type, advocate_id, subject, payload, created_at, status,
                  next_attempt_at, webhook_status, webhook_next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)""")
                .params(event.id(), event.type(), event.advocateId(), event.subject(), toJson(event), now, now,
                        webhook ? PENDING : SKIPPED, now)
                .update();
    }

    /** The type of the latest event about this subject: the same again is no news. */
    public Optional<String> lastTypeOf(String subject) {
        return jdbc.sql("SELECT event_type FROM event_outbox WHERE subject = ? ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
                .param(subject).query(String.class).optional();
    }

    public boolean exists(long advocateId, String type) {
        return !jdbc.sql("SELECT id FROM event_outbox WHERE advocate_id = ? AND event_type = ? FETCH FIRST 1 ROWS ONLY")
                .params(advocateId, type).query(Long.class).list().isEmpty();
    }

    /**
     * Pending rows of a channel in id order, due or not (a row waiting out a retry holds back its advocate's later
     * ones); none while another instance holds the channel's deliverer lease.
     */
    public List<Row> pending(Channel channel, int limit) {
        String lease = "events:" + channel.name().toLowerCase(java.util.Locale.ROOT);
        if (!lock.holdOrRenew(lease, DELIVERER_LEASE)) {
            return List.of();
        }
        leases.add(lease);
        return jdbc.sql("SELECT * FROM event_outbox WHERE %s = 'PENDING' ORDER BY id FETCH FIRST %d ROWS ONLY"
                        .formatted(channel.status, limit))
                .query((rs, n) -> row(rs, channel)).list();
    }

    public void mark(Channel channel, long id, String status, String error) {
        markAll(channel, List.of(id), status, error);
    }

    /**
     * Marks several events of a channel at once: one statement, so one commit, where a statement per event made
     * the commits (each one rewriting the table's pages on H2) most of what delivering costs.
     */
    public void markAll(Channel channel, Collection<Long> ids, String status, String error) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE event_outbox SET %s = :status, %s = %s + 1, %s = :at, %s = :error WHERE id IN (:ids)"
                        .formatted(channel.status, channel.attempts, channel.attempts, channel.delivered, channel.error))
                .param("status", status).param("at", DELIVERED.equals(status) ? Timestamp.from(Instant.now(clock)) : null)
                .param("error", truncate(error)).param("ids", List.copyOf(ids))
                .update();
    }

    public void retryLater(Channel channel, long id, String error, Duration delay, boolean countAttempt) {
        jdbc.sql("UPDATE event_outbox SET %s = ?, %s = %s + %d, %s = ? WHERE id = ?"
                        .formatted(channel.next, channel.attempts, channel.attempts, countAttempt ? 1 : 0, channel.error))
                .params(Timestamp.from(Instant.now(clock).plus(delay)), truncate(error), id).update();
    }

    public long count(Channel channel, String status) {
        return jdbc.sql("SELECT COUNT(*) FROM event_outbox WHERE %s = ?".formatted(channel.status))
                .param(status).query(Long.class).single();
    }

    /** Every column of one event, for the status API and tests. */
    public Optional<Map<String, Object>> status(String eventId) {
        return jdbc.sql("""
                SELECT event_id, event_type, status, attempts, last_error, webhook_status, webhook_attempts,
                  webhook_last_error FROM event_outbox WHERE event_id = ?""")
                .param(eventId).query().listOfRows().stream().findFirst().map(EventOutbox::lowerCaseKeys);
    }

    public List<Map<String, Object>> recent(int limit) {
        return jdbc.sql("""
                SELECT event_id, event_type, advocate_id, created_at, status, attempts, last_error, webhook_status,
                  webhook_attempts, webhook_last_error FROM event_outbox ORDER BY id DESC FETCH FIRST %d ROWS ONLY"""
                        .formatted(limit))
                .query().listOfRows().stream().map(EventOutbox::lowerCaseKeys).toList();
    }

    /** H2 names columns in upper case, PostgreSQL in lower case: answers the same on both. */
    private static Map<String, Object> lowerCaseKeys(Map<String, Object> row) {
        Map<String, Object> lower = new LinkedHashMap<>();
        row.forEach((key, value) -> lower.put(key.toLowerCase(java.util.Locale.ROOT), value));
        return lower;
    }

    private Row row(ResultSet rs, Channel channel) throws SQLException {
        long advocate = rs.getLong("advocate_id");
        return new Row(rs.getLong("id"), rs.getString("event_id"), rs.getString("event_type"),
                rs.wasNull() ? null : advocate, rs.getString("payload"), rs.getTimestamp("created_at").toInstant(),
                rs.getInt(channel.attempts), rs.getTimestamp(channel.next).toInstant());
    }

    private String toJson(DomainEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", event.type());
        body.put("id", event.id());
        body.put("timestamp", event.timestamp().toString());
        body.put("data", event.data());
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
