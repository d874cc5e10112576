package io.referloop.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.ingest.ClusterLock;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CRM writes waiting to go out. Rows are added in the transaction of the decision that caused them
 * and leave the table's PENDING state only once the CRM accepted them (SENT) or refused them for
 * good (FAILED, with the CRM's reason).
 * <p>
 * With several instances on one database, one of them sends a CRM's writes at a time: it holds the lease
 * {@code crm-writer:<crm>} ({@link ClusterLock}), renewed on every call of {@link #due}, handed back on a
 * graceful stop, taken over by another instance once it ran out after a crash. One sender, not one per instance:
 * the CRM's quota is per portal or org while each instance's rate limiter counts only its own calls, and a
 * record's writes must reach the CRM in order.
 */
@Repository
public class CrmWriteOutbox implements DisposableBean {


    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final ClusterLock lock;
    private final Duration writerLease;
    private final Set<String> leases = ConcurrentHashMap.newKeySet();

    /** @param writerLease longer than one page of writes with its retries, so it never runs out under a sender at work */
    public CrmWriteOutbox(JdbcClient jdbc, ObjectMapper json, Clock clock, ClusterLock lock,
                          @Value("${referloop.outbox.writer-lease:2m}") Duration writerLease) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.lock = lock;
        this.writerLease = writerLease;
    }

    /** Hands the writer leases back, so another instance sends at once rather than after the lease ran out. */
    @Override
    public void destroy() {
        leases.forEach(lock::release);
    }

    public void add(String crm, String objectType, String objectId, Map<String, String> properties) {
        Timestamp now = now();
        jdbc.sql("""
                INSERT INTO crm_write (crm, object_type, object_id, properties, status, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, 'PENDING', ?, ?)""")
                .params(crm, objectType, objectId, write(properties), now, now).update();
    }

    /**
     * Due writes, oldest first, and with them every other pending write of the same records. A record's older
     * rows that are still waiting out a failed attempt must come along: sent after the newer ones instead, their
     * stale values (a counter of 2 after the 3 already written) would overwrite the CRM. Merged in id order, the
     * latest value wins. Two index lookups rather than one correlated query: without fresh statistics (a
     * backlog that just grew) PostgreSQL plans that query as a nested loop over every pending row, seconds per call.
     * Nothing is due on an instance while another one holds the CRM's writer lease.
     */
    public List<CrmWrite> due(String crm, int limit) {
        String lease = "crm-writer:" + crm;
        if (!lock.holdOrRenew(lease, writerLease)) {
            return List.of();
        }
        leases.add(lease);
        Timestamp now = now();
        List<CrmWrite> due = jdbc.sql("""
                SELECT * FROM crm_write WHERE crm = ? AND status = 'PENDING' AND next_attempt_at <= ?
                ORDER BY id FETCH FIRST %d ROWS ONLY""".formatted(limit))
                .params(crm, now).query(this::row).list();
        if (due.isEmpty() || !anyWaiting(crm, now)) {
            return due;
        }
        Map<String, Set<String>> recordsByType = new LinkedHashMap<>();
        due.forEach(w -> recordsByType.computeIfAbsent(w.objectType(), t -> new LinkedHashSet<>()).add(w.objectId()));
        List<CrmWrite> all = new ArrayList<>(due);
        recordsByType.forEach((type, ids) -> all.addAll(jdbc.sql("""
                        SELECT * FROM crm_write WHERE crm = :crm AND object_type = :type AND object_id IN (:ids)
                          AND status = 'PENDING' AND next_attempt_at > :now""")
                .param("crm", crm).param("type", type).param("ids", List.copyOf(ids)).param("now", now)
                .query(this::row).list()));
        all.sort(Comparator.comparingLong(CrmWrite::id));
        return all;
    }

    /** Whether any write waits out a failed attempt: rarely, so the lookup of the due records' others is mostly skipped. */
    private boolean anyWaiting(String crm, Timestamp now) {
        return !jdbc.sql("SELECT id FROM crm_write WHERE crm = ? AND status = 'PENDING' AND next_attempt_at > ? FETCH FIRST 1 ROWS ONLY")
                .params(crm, now).query(Long.class).list().isEmpty();
    }

    private CrmWrite row(ResultSet rs, int rowNum) throws SQLException {
        return new CrmWrite(rs.getLong("id"), rs.getString("crm"), rs.getString("object_type"),
                rs.getString("object_id"), read(rs.getString("properties")), rs.getInt("attempts"));
    }

    // One statement per CRM call rather than one per row: under a busy quota the database work between
    // two calls must stay well inside the limiter's spacing (10 s / 189 at 190 per 10 s), or calls are lost.

    public void markSent(Collection<CrmWrite> writes) {
        if (!writes.isEmpty()) {
            jdbc.sql("UPDATE crm_write SET status = 'SENT', sent_at = :now, attempts = attempts + 1 WHERE id IN (:ids)")
                    .param("now", now()).param("ids", ids(writes)).update();
        }
    }

    public void markFailed(Collection<CrmWrite> writes, String reason) {
        if (!writes.isEmpty()) {
            jdbc.sql("UPDATE crm_write SET status = 'FAILED', last_error = :reason, attempts = attempts + 1 WHERE id IN (:ids)")
                    .param("reason", truncate(reason)).param("ids", ids(writes)).update();
        }
    }

    public void retryLater(Collection<CrmWrite> writes, String reason, Duration delay) {
        if (!writes.isEmpty()) {
            jdbc.sql("UPDATE crm_write SET next_attempt_at = :next, last_error = :reason, attempts = attempts + 1"
                            + " WHERE id IN (:ids)")
                    .param("next", Timestamp.from(Instant.now(clock).plus(delay))).param("reason", truncate(reason))
                    .param("ids", ids(writes)).update();
        }
    }

    /** Sends the writes later without counting an attempt: none was made (the CRM's circuit breaker is open). */
    public void postpone(Collection<CrmWrite> writes, String reason, Duration delay) {
        if (!writes.isEmpty()) {
            jdbc.sql("UPDATE crm_write SET next_attempt_at = :next, last_error = :reason WHERE id IN (:ids)")
                    .param("next", Timestamp.from(Instant.now(clock).plus(delay))).param("reason", truncate(reason))
                    .param("ids", ids(writes)).update();
        }
    }

    private static List<Long> ids(Collection<CrmWrite> writes) {
        return writes.stream().map(CrmWrite::id).toList();
    }

    public long count(String crm, String status) {
        return jdbc.sql("SELECT COUNT(*) FROM crm_write WHERE crm = ? AND status = ?")
                .params(crm, status).query(Long.class).single();
    }

    private Timestamp now() {
        return Timestamp.from(Instant.now(clock));
    }

    private String write(Map<String, String> properties) {
        try {
            return json.writeValueAsString(properties);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Map<String, String> read(String text) {
        try {
            return json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable outbox row", e);
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
