package io.referloop.ingest;

import io.referloop.support.MovableClock;
import io.referloop.support.RecordedStatements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.referloop.ingest.Inbox.CLAIMED;
import static io.referloop.ingest.Inbox.FAILED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events a drain gives back to the inbox: tried again later, parked as FAILED once their attempts are spent, or
 * postponed without spending an attempt while the CRM is out. During an outage a drain gives back each whole batch
 * it claims (500 HubSpot events), so a call is one statement however many events it holds and however they go.
 */
abstract class InboxGiveBackContract {

    static final String SOURCE = "hubspot";
    static final int BATCH = 500;
    static final int MAX_ATTEMPTS = 3;
    static final Duration CLAIM = Duration.ofMinutes(2);
    static final Duration DELAY = Duration.ofSeconds(10);

    /** A freshly migrated database of the test's own. */
    abstract DataSource database();

    private record Row(String status, int attempts, String lastError, Instant claimedUntil) {
    }

    private final MovableClock clock = new MovableClock();
    private RecordedStatements statements;
    private JdbcClient jdbc;
    private Inbox inbox;

    @BeforeEach
    void inbox() {
        DataSource database = database();
        statements = new RecordedStatements(database);
        jdbc = JdbcClient.create(database);
        inbox = new Inbox(JdbcClient.create(statements), new JdbcTemplate(statements),
                new TransactionTemplate(new DataSourceTransactionManager(statements)),
                new InboxProperties(BATCH, CLAIM, MAX_ATTEMPTS, Duration.ofDays(7), 1000, Duration.ZERO), clock);
    }

    @AfterEach
    void destroy() {
        inbox.destroy();
    }

    @Test
    void aBatchPostponedByAnOutageIsGivenBackInOneStatementWithoutSpendingAnAttempt() {
        List<InboxEvent> claimed = claimStored(BATCH);

        assertThat(statements.runBy(() -> inbox.postpone(claimed, "HubSpot circuit breaker open", DELAY))).hasSize(1);

        assertThat(rows().values()).hasSize(BATCH)
                .containsOnly(new Row(CLAIMED, 0, "HubSpot circuit breaker open", notBefore()));
    }

    @Test
    void aBatchRetriedLaterIsGivenBackInOneStatementWithTheAttemptSpent() {
        List<InboxEvent> claimed = claimStored(BATCH);

        assertThat(statements.runBy(() -> inbox.retryLater(claimed, "reward table locked", DELAY))).hasSize(1);

        assertThat(rows().values()).hasSize(BATCH).containsOnly(new Row(CLAIMED, 1, "reward table locked", notBefore()));
    }

    @Test
    void eventsWhoseAttemptsAreSpentAreParkedAndTheOthersOfTheSameCallRetriedInOneStatement() {
        store(6);
        triedBefore(MAX_ATTEMPTS - 1, "e1", "e3", "e5");
        List<InboxEvent> claimed = inbox.claim(SOURCE);
        Instant claimRunsOut = clock.instant().plus(CLAIM);
        List<InboxEvent> givenBack = claimed.stream().filter(e -> !e.externalId().equals("e6")).toList();

        assertThat(statements.runBy(() -> inbox.retryLater(givenBack, "reward table locked", DELAY))).hasSize(1);

        Row parked = new Row(FAILED, MAX_ATTEMPTS, "reward table locked", notBefore());
        Row retried = new Row(CLAIMED, 1, "reward table locked", notBefore());
        assertThat(rows()).containsExactly(Map.entry("e1", parked), Map.entry("e2", retried), Map.entry("e3", parked),
                Map.entry("e4", retried), Map.entry("e5", parked),
                Map.entry("e6", new Row(CLAIMED, 1, null, claimRunsOut)));
    }

    @Test
    void aBatchWhoseAttemptsAreAllSpentIsParkedInOneStatement() {
        store(BATCH);
        triedBefore(MAX_ATTEMPTS - 1, IntStream.rangeClosed(1, BATCH).mapToObj(i -> "e" + i).toArray(String[]::new));
        List<InboxEvent> claimed = inbox.claim(SOURCE);

        assertThat(statements.runBy(() -> inbox.retryLater(claimed, "reward table locked", DELAY))).hasSize(1);

        assertThat(rows().values()).hasSize(BATCH)
                .containsOnly(new Row(FAILED, MAX_ATTEMPTS, "reward table locked", notBefore()));
    }

    @Test
    void anEventPostponedTwiceInOneClaimKeepsItsFirstPostponementAndNeverGoesBelowNoAttempts() {
        List<InboxEvent> claimed = claimStored(2);
        inbox.postpone(claimed, "HubSpot answered 503", DELAY);
        Instant firstNotBefore = notBefore();
        clock.advance(Duration.ofSeconds(1));

        inbox.postpone(claimed, "HubSpot circuit breaker open", DELAY);

        assertThat(rows().values()).containsOnly(new Row(CLAIMED, 0, "HubSpot answered 503", firstNotBefore));
    }

    @Test
    void anEventTriedOneTimeFewerThanMaxAttemptsIsRetriedNotParked() {
        store(1);
        triedBefore(MAX_ATTEMPTS - 2, "e1");
        List<InboxEvent> claimed = inbox.claim(SOURCE);

        inbox.retryLater(claimed, "reward table locked", DELAY);

        assertThat(rows()).containsExactly(Map.entry("e1", new Row(CLAIMED, MAX_ATTEMPTS - 1, "reward table locked", notBefore())));
    }

    @Test
    void givingBackNoEventsRunsNoStatement() {
        assertThat(statements.runBy(() -> {
            inbox.postpone(List.of(), "HubSpot circuit breaker open", DELAY);
            inbox.retryLater(List.of(), "reward table locked", DELAY);
        })).isEmpty();
    }

    private List<InboxEvent> claimStored(int count) {
        store(count);
        List<InboxEvent> claimed = inbox.claim(SOURCE);
        assertThat(claimed).as("claimed").hasSize(count);
        return claimed;
    }

    private void store(int count) {
        inbox.storeAll(SOURCE, IntStream.rangeClosed(1, count)
                .mapToObj(i -> new Inbox.NewEvent("e" + i, "contact.propertyChange", "c" + i, "{}")).toList());
    }

    /** As if earlier claims had run out or been given back: the next claim is their attempt after these. */
    private void triedBefore(int attempts, String... externalIds) {
        jdbc.sql("UPDATE inbox_event SET attempts = :attempts WHERE source = :source AND external_id IN (:ids)")
                .param("attempts", attempts).param("source", SOURCE).param("ids", List.of(externalIds)).update();
    }

    private Instant notBefore() {
        return clock.instant().plus(DELAY);
    }

    private Map<String, Row> rows() {
        Map<String, Row> rows = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM inbox_event WHERE source = ? ORDER BY id").param(SOURCE).query(rs -> {
            rows.put(rs.getString("external_id"), new Row(rs.getString("status"), rs.getInt("attempts"),
                    rs.getString("last_error"), rs.getTimestamp("claimed_until").toInstant()));
        });
        return rows;
    }
}
