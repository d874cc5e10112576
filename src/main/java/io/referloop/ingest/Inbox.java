package io.referloop.ingest;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The durable inbox: every event is committed here before its sender is acknowledged, once per
 * (source, external id). Drains claim rows with a lease, so an instance that dies mid-batch leaves
 * its rows to be taken again when the lease runs out.
 */
@Repository
public class Inbox {

    public static final String NEW = "NEW";
    public static final String CLAIMED = "CLAIMED";
    public static final String DONE = "DONE";
    public static final String IGNORED = "IGNORED";
    public static final String FAILED = "FAILED";

    private static final RowMapper<InboxEvent> ROW = (rs, i) -> new InboxEvent(rs.getLong("id"),
            rs.getString("source"), rs.getString("external_id"), rs.getString("event_type"),
            rs.getString("object_id"), rs.getString("payload"), rs.getTimestamp("received_at").toInstant(),
            rs.getInt("attempts"));

    private final JdbcClient jdbc;
    private final InboxProperties properties;
    private final Clock clock;

    public Inbox(JdbcClient jdbc, InboxProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Stores one event in its own transaction (auto-commit). Returns false for a duplicate, which
     * changes nothing; a failed insert never poisons a surrounding transaction this way.
     */
    public boolean store(String source, String externalId, String eventType, String objectId, String payload) {
        try {
            jdbc.sql("""
                    INSERT INTO inbox_event (source, external_id, event_type, object_id, payload, received_at, status)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(source, externalId, eventType, objectId, payload, now(), NEW)
                    .update();
            return true;
        } catch (DuplicateKeyException duplicate) {
            return false;
        }
    }

    /** Claims up to batch-size events of one source that are new, or whose claim ran out. */
    public List<InboxEvent> claim(String source) {
        String token = UUID.randomUUID().toString();
        Timestamp now = now();
        Timestamp until = Timestamp.from(now.toInstant().plus(properties.claimTimeout()));
        jdbc.sql("""
                UPDATE inbox_event SET status = 'CLAIMED', claimed_by = ?, claimed_until = ?, attempts = attempts + 1
                WHERE id IN (SELECT id FROM inbox_event
                             WHERE source = ? AND status IN ('NEW', 'CLAIMED')
                               AND (claimed_until IS NULL OR claimed_until < ?)
                             ORDER BY id FETCH FIRST %d ROWS ONLY)
                  AND status IN ('NEW', 'CLAIMED') AND (claimed_until IS NULL OR claimed_until < ?)"""
                        .formatted(properties.batchSize()))
                .params(token, until, source, now, now)
                .update();
        return jdbc.sql("SELECT * FROM inbox_event WHERE claimed_by = ? AND status = 'CLAIMED' ORDER BY id")
                .param(token).query(ROW).list();
    }

    public void markDone(Collection<Long> ids) {
        finish(ids, DONE, null);
    }

    public void markIgnored(Collection<Long> ids, String why) {
        finish(ids, IGNORED, why);
    }

    /** Gives the events back for a later attempt; after max-attempts they are parked as FAILED. */
    public void retryLater(Collection<InboxEvent> events, String error, Duration delay) {
        Timestamp notBefore = Timestamp.from(Instant.now(clock).plus(delay));
        for (InboxEvent event : events) {
            String status = event.attempts() + 1 >= properties.maxAttempts() ? FAILED : CLAIMED;
            jdbc.sql("UPDATE inbox_event SET status = ?, claimed_until = ?, last_error = ? WHERE id = ?")
                    .params(status, notBefore, truncate(error), event.id()).update();
        }
    }

    /**
     * Gives the events back without counting the attempt: the fault was outside them (the CRM down or its
     * circuit breaker open), and an outage longer than max-attempts claims must not park good events as FAILED.
     */
    public void postpone(Collection<InboxEvent> events, String why, Duration delay) {
        Timestamp notBefore = Timestamp.from(Instant.now(clock).plus(delay));
        for (InboxEvent event : events) {
            jdbc.sql("UPDATE inbox_event SET claimed_until = ?, last_error = ?, attempts = attempts - 1 WHERE id = ? AND attempts > 0")
                    .params(notBefore, truncate(why), event.id()).update();
        }
    }

    public long count(String source, String status) {
        return jdbc.sql("SELECT COUNT(*) FROM inbox_event WHERE source = ? AND status = ?")
                .params(source, status).query(Long.class).single();
    }

    private void finish(Collection<Long> ids, String status, String note) {
        for (Long id : ids) {
            jdbc.sql("UPDATE inbox_event SET status = ?, processed_at = ?, last_error = ?, claimed_until = NULL WHERE id = ?")
                    .params(status, now(), truncate(note), id).update();
        }
    }

    private Timestamp now() {
        return Timestamp.from(Instant.now(clock));
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
