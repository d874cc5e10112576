package io.referloop.ingest;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The durable inbox: every event is committed here before its sender is acknowledged, once per
 * (source, external id). Drains claim rows with a lease, so an instance that dies mid-batch leaves
 * its rows to be taken again when the lease runs out.
 */
@Repository
public class Inbox implements DisposableBean {

    public static final String NEW = "NEW";
    public static final String CLAIMED = "CLAIMED";
    public static final String DONE = "DONE";
    public static final String IGNORED = "IGNORED";
    public static final String FAILED = "FAILED";

    private static final RowMapper<InboxEvent> ROW = (rs, i) -> new InboxEvent(rs.getLong("id"),
            rs.getString("source"), rs.getString("external_id"), rs.getString("event_type"),
            rs.getString("object_id"), rs.getString("payload"), rs.getTimestamp("received_at").toInstant(),
            rs.getInt("attempts"));

    private static final String INSERT_KEY = "INSERT INTO inbox_key (source, external_id) VALUES (?, ?)";
    private static final String INSERT = """
            INSERT INTO inbox_event (source, external_id, event_type, object_id, payload, received_at, status)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final DatabaseProduct database;
    private final TransactionTemplate transaction;
    private final TransactionTemplate ownTransaction;
    private final InboxProperties properties;
    private final Clock clock;
    private final GroupCommit groupCommit;
    private final IdleSources idle;

    public Inbox(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate transaction, InboxProperties properties,
                 Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.database = new DatabaseProduct(batch.getDataSource());
        this.transaction = transaction;
        this.ownTransaction = new TransactionTemplate(transaction.getTransactionManager());
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.properties = properties;
        this.clock = clock;
        this.groupCommit = new GroupCommit("inbox-group-commit", this::writeTogether);
        this.idle = new IdleSources(clock, properties.idleRecheck());
    }

    /** One event of a delivery, as {@link #storeAll} takes it; the source is filled in from its argument. */
    public record NewEvent(String source, String externalId, String eventType, String objectId, String payload) {

        public NewEvent(String externalId, String eventType, String objectId, String payload) {
            this(null, externalId, eventType, objectId, payload);
        }

        NewEvent withSource(String source) {
            return new NewEvent(source, externalId, eventType, objectId, payload);
        }
    }

    /**
     * Stores one event in its own transaction. Returns false for a duplicate, which changes nothing; a failed
     * insert never poisons a surrounding transaction this way. The key goes to {@code inbox_key}, which outlives
     * the row (see {@link InboxRetention}): an event seen once, however long ago, is a duplicate.
     */
    public boolean store(String source, String externalId, String eventType, String objectId, String payload) {
        try {
            ownTransaction.executeWithoutResult(tx -> {
                jdbc.sql(INSERT_KEY).params(source, externalId).update();
                jdbc.sql(INSERT).params(source, externalId, eventType, objectId, payload, now(), NEW).update();
            });
            idle.stored(source);
            return true;
        } catch (DuplicateKeyException duplicate) {
            return false;
        }
    }

    /**
     * Stores the events of one webhook delivery (a HubSpot batch holds up to 100) and returns once they
     * are committed; returns how many were new. Deliveries arriving together share one batched insert and
     * one commit (see {@link GroupCommit}). A group that holds an event already stored (a redelivery) is
     * rolled back and stored delivery by delivery, then event by event, so each duplicate is skipped and
     * everything else still lands.
     */
    public int storeAll(String source, List<NewEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        List<NewEvent> sourced = events.stream().map(e -> e.source() == null ? e.withSource(source) : e).toList();
        int stored = groupCommit.store(sourced);
        sourced.stream().map(NewEvent::source).distinct().forEach(idle::stored);
        return stored;
    }

    private List<Integer> writeTogether(List<List<NewEvent>> deliveries) {
        try {
            insertInOneTransaction(deliveries.stream().flatMap(List::stream).toList());
            return deliveries.stream().map(List::size).toList();
        } catch (DuplicateKeyException duplicate) {
            return deliveries.stream().map(this::writeOneDelivery).toList();
        }
    }

    private int writeOneDelivery(List<NewEvent> events) {
        try {
            insertInOneTransaction(events);
            return events.size();
        } catch (DuplicateKeyException duplicate) {
            int stored = 0;
            for (NewEvent e : events) {
                stored += store(e.source(), e.externalId(), e.eventType(), e.objectId(), e.payload()) ? 1 : 0;
            }
            return stored;
        }
    }

    private void insertInOneTransaction(List<NewEvent> events) {
        Timestamp now = now();
        transaction.executeWithoutResult(tx -> {
            batch.batchUpdate(INSERT_KEY, events, events.size(), (ps, e) -> {
                ps.setString(1, e.source());
                ps.setString(2, e.externalId());
            });
            batch.batchUpdate(INSERT, events, events.size(), (ps, e) -> {
                ps.setString(1, e.source());
                ps.setString(2, e.externalId());
                ps.setString(3, e.eventType());
                ps.setString(4, e.objectId());
                ps.setString(5, e.payload());
                ps.setTimestamp(6, now);
                ps.setString(7, NEW);
            });
        });
    }

    @Override
    public void destroy() {
        groupCommit.close();
    }

    /**
     * Claims up to batch-size events of one source: those whose claim ran out first (they are older), then new ones,
     * in id order. Each status is read on its own through the index on (source, status, id), so a claim reads
     * about one batch of index entries however many processed rows the table holds; a single read of both statuses
     * walked every row of the source on H2, and the whole primary key on PostgreSQL. The rows read are locked with
     * {@code FOR UPDATE SKIP LOCKED}: a drain, or another instance, claiming at the same moment takes the next
     * rows instead of waiting for these. The update checks the state again, so a row is claimed once whatever the
     * database's locking lets through.
     */
    public List<InboxEvent> claim(String source) {
        return claim(source, properties.batchSize());
    }

    /** Claims up to {@code limit} events of one source, as {@link #claim(String)} does. */
    public List<InboxEvent> claim(String source, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a claim takes at least one event, not " + limit);
        }
        if (idle.nothingNew(source)) {
            return List.of();
        }
        long generation = idle.generation(source);
        List<InboxEvent> claimed = claimFromDatabase(source, limit);
        if (claimed.isEmpty()) {
            idle.foundEmpty(source, generation);
        } else {
            idle.foundSome(source);
        }
        return claimed;
    }

    private List<InboxEvent> claimFromDatabase(String source, int limit) {
        Timestamp now = now();
        Timestamp until = Timestamp.from(now.toInstant().plus(properties.claimTimeout()));
        String token = UUID.randomUUID().toString();
        List<Long> ids = transaction.execute(tx -> {
            List<Long> due = new ArrayList<>(lockDue(source, "status = 'CLAIMED' AND claimed_until < ?", now, limit));
            if (due.size() < limit) {
                due.addAll(lockDue(source, "status = 'NEW'", null, limit - due.size()));
            }
            if (due.isEmpty()) {
                return due;
            }
            jdbc.sql("""
                    UPDATE inbox_event SET status = 'CLAIMED', claimed_by = :token, claimed_until = :until,
                                           attempts = attempts + 1
                    WHERE id IN (:ids) AND (status = 'NEW' OR (status = 'CLAIMED' AND claimed_until < :now))""")
                    .param("token", token).param("until", until).param("ids", due).param("now", now).update();
            return due;
        });
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM inbox_event WHERE id IN (:ids) AND claimed_by = :token ORDER BY id")
                .param("ids", ids).param("token", token).query(ROW).list();
    }

    private List<Long> lockDue(String source, String condition, Timestamp now, int limit) {
        if (!database.isH2()) {
            return withParameters(jdbc.sql(lockDueInOneStatement(condition, limit)), source, now).query(Long.class).list();
        }
        List<Long> first = withParameters(jdbc.sql(firstDue(condition, limit)), source, now).query(Long.class).list();
        if (first.isEmpty()) {
            return first;
        }
        return jdbc.sql(lockListed(first.size())).params(first).query(Long.class).list();
    }

    private static StatementSpec withParameters(StatementSpec statement, String source, Timestamp now) {
        return now == null ? statement.param(source) : statement.params(source, now);
    }

    /**
     * Reads and locks the first due rows of a source in id order, in one statement: PostgreSQL's form. ORDER BY names
     * the index's columns: the database then reads the index in order and stops at the limit (without them it reads
     * every row of the status and sorts). PostgreSQL stops at the limit under {@code FOR UPDATE SKIP LOCKED} too; H2
     * locks every row the condition matches before it applies the limit, so on H2 this form read the whole backlog of
     * new events (10,000 index entries for 100 rows, {@code EXPLAIN ANALYZE}): H2 takes {@link #firstDue} and then
     * {@link #lockListed}.
     */
    static String lockDueInOneStatement(String condition, int limit) {
        return firstDue(condition, limit) + " FOR UPDATE SKIP LOCKED";
    }

    /** The first due rows of a source in id order, read through the index and stopping at the limit, not locked. */
    static String firstDue(String condition, int limit) {
        return """
                SELECT id FROM inbox_event WHERE source = ? AND %s
                ORDER BY source, status, id FETCH FIRST %d ROWS ONLY""".formatted(condition, limit);
    }

    /**
     * Locks the rows {@link #firstDue} read ({@code count} ids), skipping a row another claimer holds. The ids are
     * listed, not picked again in a subquery: H2 checks each row it locks against the statement's condition once more,
     * and a subquery there ran again for every row, reading the whole batch each time (a quarter of a drain's claim in
     * a profile of single-event load). Nothing else is in the condition: with the source and status beside the ids, H2
     * took the status index and locked the whole backlog again. A row that stopped being due meanwhile is locked for
     * nothing; the claim's update checks the status again and leaves it out. A claimer at the same moment skips these
     * rows instead of taking the next ones, which costs nothing where one connector has the database (H2's file is
     * locked to one process).
     */
    static String lockListed(int count) {
        return "SELECT id FROM inbox_event WHERE id IN (" + String.join(", ", Collections.nCopies(count, "?"))
                + ") ORDER BY id FOR UPDATE SKIP LOCKED";
    }

    /**
     * Ends every claim now, whoever made it, so the events are claimed again at once; returns how many there were.
     * Only for a database no other instance can reach ({@link EmbeddedDatabaseTakeover}): elsewhere a claim runs out.
     */
    public int endAllClaims() {
        Timestamp now = now();
        return jdbc.sql("UPDATE inbox_event SET claimed_until = ? WHERE status = 'CLAIMED' AND claimed_until > ?")
                .params(now, now).update();
    }

    public void markDone(Collection<Long> ids) {
        finish(ids, DONE, null);
    }

    public void markIgnored(Collection<Long> ids, String why) {
        finish(ids, IGNORED, why);
    }

    /**
     * Gives the events back for a later attempt; an event whose next attempt would be its max-attempts-th is parked
     * as FAILED instead. One statement for the whole call, whichever way its events go: one commit outside a
     * transaction, and a drain giving back a whole claimed batch costs what one event does.
     */
    public void retryLater(Collection<InboxEvent> events, String error, Duration delay) {
        if (events.isEmpty()) {
            return;
        }
        List<Long> parked = events.stream().filter(this::attemptsSpent).map(InboxEvent::id).distinct().toList();
        List<Long> ids = ids(events);
        StatementSpec update;
        if (parked.isEmpty() || parked.size() == ids.size()) {
            update = jdbc.sql("UPDATE inbox_event SET status = :status, claimed_until = :until, last_error = :error"
                            + " WHERE id IN (:ids)")
                    .param("status", parked.isEmpty() ? CLAIMED : FAILED);
        } else {
            update = jdbc.sql("""
                            UPDATE inbox_event SET status = CASE WHEN id IN (:parked) THEN 'FAILED' ELSE 'CLAIMED' END,
                                                   claimed_until = :until, last_error = :error
                            WHERE id IN (:ids)""")
                    .param("parked", parked);
        }
        update.param("until", notBefore(delay)).param("error", truncate(error)).param("ids", ids).update();
    }

    // the attempts the claim read, this one included (the claim counts it): what the drain was told, not what the row
    // says by now. An event tried max-attempts times is parked; one tried fewer times gets another attempt
    private boolean attemptsSpent(InboxEvent event) {
        return event.attempts() >= properties.maxAttempts();
    }

    /**
     * Gives the events back without counting the attempt: the fault was outside them (the CRM down or its
     * circuit breaker open), and an outage longer than max-attempts claims must not park good events as FAILED.
     * One statement for the whole call: an outage postpones whole claimed batches, drain after drain.
     */
    public void postpone(Collection<InboxEvent> events, String why, Duration delay) {
        if (events.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE inbox_event SET claimed_until = :until, last_error = :why, attempts = attempts - 1
                        WHERE id IN (:ids) AND attempts > 0""")
                .param("until", notBefore(delay)).param("why", truncate(why)).param("ids", ids(events)).update();
    }

    private Timestamp notBefore(Duration delay) {
        return Timestamp.from(Instant.now(clock).plus(delay));
    }

    private static List<Long> ids(Collection<InboxEvent> events) {
        return events.stream().map(InboxEvent::id).distinct().toList();
    }

    public long count(String source, String status) {
        return jdbc.sql("SELECT COUNT(*) FROM inbox_event WHERE source = ? AND status = ?")
                .params(source, status).query(Long.class).single();
    }

    // one statement, so one commit when called outside a transaction: each commit waits for the disk
    private void finish(Collection<Long> ids, String status, String note) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE inbox_event SET status = :status, processed_at = :now, last_error = :note, claimed_until = NULL"
                            + " WHERE id IN (:ids)")
                    .param("status", status).param("now", now()).param("note", truncate(note)).param("ids", List.copyOf(ids))
                    .update();
        }
    }

    private Timestamp now() {
        return Timestamp.from(Instant.now(clock));
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
