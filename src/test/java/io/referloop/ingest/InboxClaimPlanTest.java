package io.referloop.ingest;

import io.referloop.support.H2Plans;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A claim on H2 reads about one batch of the index, however many events wait behind it: during a burst the
 * backlog of new events is the table's largest part, and a claim that read all of it made every batch of the burst
 * cost more than the one before. Checked with H2's {@code EXPLAIN ANALYZE}, which counts the rows a statement read,
 * on a migrated database of its own holding a backlog and processed events.
 */
class InboxClaimPlanTest {

    private static final int BATCH = 100;
    private static final int BACKLOG = 10_000;

    private static JdbcClient jdbc;

    @BeforeAll
    static void aBurstWaitingBehindProcessedEvents() {
        SingleConnectionDataSource database = new SingleConnectionDataSource(
                "jdbc:h2:mem:claims-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", true);
        Flyway.configure().dataSource(database).load().migrate();
        jdbc = JdbcClient.create(database);
        jdbc.sql("""
                INSERT INTO inbox_event (source, external_id, event_type, payload, received_at, status, processed_at)
                SELECT 'hubspot', 'done-' || X, 'contact.creation', '{}', CURRENT_TIMESTAMP, 'DONE', CURRENT_TIMESTAMP
                FROM SYSTEM_RANGE(1, 5000)""").update();
        jdbc.sql("""
                INSERT INTO inbox_event (source, external_id, event_type, payload, received_at, status)
                SELECT 'hubspot', 'new-' || X, 'contact.creation', '{}', CURRENT_TIMESTAMP, 'NEW'
                FROM SYSTEM_RANGE(1, ?)""").param(BACKLOG).update();
        jdbc.sql("ANALYZE").update();
    }

    @Test
    void claimingNewEventsReadsOneBatchOfTheBacklog() {
        // the batch's index entries, then the listed rows by primary key and in id order
        assertThat(rowsRead(Inbox.firstDue("status = 'NEW'", BATCH), "hubspot")).isLessThanOrEqualTo(BATCH + 1);
        assertThat(rowsRead(Inbox.lockListed(BATCH), firstNew()))
                .isLessThanOrEqualTo(2 * (BATCH + 1));
    }

    @Test
    void claimingNewEventsTakesTheOldestFirst() {
        List<Long> first = firstNew();
        assertThat(jdbc.sql(Inbox.lockListed(BATCH)).params(first).query(Long.class).list())
                .isEqualTo(first).hasSize(BATCH).isSorted()
                .first().isEqualTo(jdbc.sql("SELECT MIN(id) FROM inbox_event WHERE status = 'NEW'").query(Long.class).single());
    }

    @Test
    void theLockingStatementListsItsRowsInsteadOfPickingThemInASubqueryH2WouldRunForEveryLockedRow() {
        assertThat(Inbox.lockListed(BATCH).split("(?i)select", -1)).hasSize(2);
    }

    @Test
    void lockingTheRowsInTheLimitedQueryItselfWouldReadTheWholeBacklogOnH2() {
        // the trap itself, so that this test notices if H2 stops falling into it (and H2 could share PostgreSQL's form)
        assertThat(rowsRead(Inbox.lockDueInOneStatement("status = 'NEW'", BATCH), "hubspot")).isGreaterThanOrEqualTo(BACKLOG);
    }

    private static List<Long> firstNew() {
        return jdbc.sql(Inbox.firstDue("status = 'NEW'", BATCH)).param("hubspot").query(Long.class).list();
    }

    private static int rowsRead(String sql, Object... parameters) {
        return rowsRead(sql, List.of(parameters));
    }

    private static int rowsRead(String sql, List<?> parameters) {
        return H2Plans.rowsRead(jdbc, sql, parameters);
    }
}
