package io.referloop.ingest;

import io.referloop.support.MigratedH2;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Processed events leave the inbox after the retention time; their keys stay, so a late redelivery is a no-op. */
class InboxRetentionTest {

    private static final Instant RECEIVED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(7);

    private MigratedH2 h2;
    private HikariDataSource database;
    private JdbcClient jdbc;
    private Inbox inbox;

    @BeforeEach
    void database() {
        h2 = new MigratedH2("retention");
        database = h2.dataSource();
        jdbc = h2.jdbc();
        inbox = inboxAt(RECEIVED);
    }

    @AfterEach
    void close() {
        inbox.destroy();
        h2.close();
    }

    @Test
    void aProcessedEventPastRetentionIsDeletedAndItsRedeliveryIsStillADuplicate() {
        store("1");
        inbox.markDone(ids(inbox.claim("hubspot")));

        assertThat(retentionAt(RECEIVED.plus(RETENTION).plusSeconds(1), 1000).deleteExpired()).isEqualTo(1);
        assertThat(rows()).isZero();

        assertThat(store("1")).as("the redelivery is a duplicate").isZero();
        assertThat(inbox.store("hubspot", "1", "contact.creation", "c1", "{}")).isFalse();
        assertThat(rows()).as("nothing stored again").isZero();
        assertThat(inbox.claim("hubspot")).as("nothing to process again").isEmpty();
    }

    @Test
    void eventsProcessedInsideTheRetentionTimeStay() {
        store("1");
        inbox.markDone(ids(inbox.claim("hubspot")));

        assertThat(retentionAt(RECEIVED.plus(RETENTION).minusSeconds(1), 1000).deleteExpired()).isZero();
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void waitingAndFailedEventsAreNeverDeleted() {
        store("new");
        store("claimed");
        store("failed");
        jdbc.sql("UPDATE inbox_event SET status = 'CLAIMED' WHERE external_id = 'claimed'").update();
        jdbc.sql("UPDATE inbox_event SET status = 'FAILED', processed_at = ? WHERE external_id = 'failed'")
                .param(java.sql.Timestamp.from(RECEIVED)).update();

        assertThat(retentionAt(RECEIVED.plus(Duration.ofDays(365)), 1000).deleteExpired()).isZero();
        assertThat(rows()).isEqualTo(3);
    }

    @Test
    void ignoredEventsGoLikeProcessedOnes() {
        store("1");
        inbox.markIgnored(ids(inbox.claim("hubspot")), "no trigger");

        assertThat(retentionAt(RECEIVED.plus(RETENTION).plusSeconds(1), 1000).deleteExpired()).isEqualTo(1);
        assertThat(store("1")).isZero();
    }

    @Test
    void aLargeBacklogIsDeletedInBatchesInOneRun() {
        inbox.storeAll("hubspot", IntStream.range(0, 25).mapToObj(i -> event("e" + i)).toList());
        inbox.markDone(ids(inbox.claim("hubspot")));

        assertThat(retentionAt(RECEIVED.plus(RETENTION).plusSeconds(1), 4).deleteExpired()).isEqualTo(25);
        assertThat(rows()).isZero();
    }

    @Test
    void instancesRunningItAtOnceDeleteEachRowOnce() {
        inbox.storeAll("hubspot", IntStream.range(0, 3000).mapToObj(i -> event("e" + i)).toList());
        List<InboxEvent> claimed;
        while (!(claimed = inbox.claim("hubspot")).isEmpty()) {
            inbox.markDone(ids(claimed));
        }
        Instant later = RECEIVED.plus(RETENTION).plusSeconds(1);
        List<CompletableFuture<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            InboxRetention instance = retentionAt(later, 100);
            runs.add(CompletableFuture.supplyAsync(instance::deleteExpired));
        }

        assertThat(runs.stream().mapToInt(CompletableFuture::join).sum()).isEqualTo(3000);
        assertThat(rows()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbox_key").query(Long.class).single()).as("keys stay").isEqualTo(3000);
    }

    private int store(String id) {
        return inbox.storeAll("hubspot", List.of(event(id)));
    }

    private static Inbox.NewEvent event(String id) {
        return new Inbox.NewEvent(id, "contact.creation", "c" + id, "{\"eventId\":\"" + id + "\"}");
    }

    private long rows() {
        return jdbc.sql("SELECT COUNT(*) FROM inbox_event").query(Long.class).single();
    }

    private static List<Long> ids(List<InboxEvent> events) {
        return events.stream().map(InboxEvent::id).toList();
    }

    private Inbox inboxAt(Instant now) {
        return new Inbox(jdbc, new JdbcTemplate(database), new TransactionTemplate(new DataSourceTransactionManager(database)),
                properties(1000), Clock.fixed(now, ZoneOffset.UTC));
    }

    private InboxRetention retentionAt(Instant now, int batch) {
        return new InboxRetention(jdbc, properties(batch), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static InboxProperties properties(int retentionBatch) {
        return new InboxProperties(5000, Duration.ofMinutes(2), 50, RETENTION, retentionBatch, Duration.ZERO);
    }
}
