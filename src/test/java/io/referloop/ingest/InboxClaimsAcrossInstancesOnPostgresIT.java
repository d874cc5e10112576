package io.referloop.ingest;

import io.referloop.support.PostgresAvailable;
import io.referloop.support.PostgresInstances;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Instances sharing one PostgreSQL inbox: each event is claimed by one of them, all of them work. */
@ExtendWith(PostgresAvailable.class)
class InboxClaimsAcrossInstancesOnPostgresIT {

    private static final int EVENTS = 5_000;

    private final PostgresInstances database = new PostgresInstances();
    private final List<Inbox> inboxes = new ArrayList<>();

    @AfterEach
    void close() {
        inboxes.forEach(Inbox::destroy);
        database.close();
    }

    @Test
    void everyEventIsProcessedOnceAndEveryInstanceTakesAShare() {
        Inbox first = inbox(database.instance(), Duration.ofMinutes(2));
        Inbox second = inbox(database.instance(), Duration.ofMinutes(2));
        first.storeAll("hubspot", IntStream.range(0, EVENTS).mapToObj(i -> event("e" + i)).toList());
        Map<Long, String> processedBy = new ConcurrentHashMap<>();
        List<String> twice = new ArrayList<>();

        List<CompletableFuture<Void>> drains = new ArrayList<>();
        for (int d = 0; d < 2; d++) {
            drains.add(drain(first, "first", processedBy, twice));
            drains.add(drain(second, "second", processedBy, twice));
        }
        drains.forEach(CompletableFuture::join);

        assertThat(twice).as("claimed twice").isEmpty();
        assertThat(processedBy).hasSize(EVENTS);
        assertThat(processedBy.values()).contains("first", "second");
        assertThat(first.count("hubspot", Inbox.DONE)).isEqualTo(EVENTS);
    }

    @Test
    void theEventsOfAnInstanceThatDiedAreTakenOverOnceItsClaimRanOut() throws InterruptedException {
        Inbox dying = inbox(database.instance(), Duration.ofSeconds(1));
        Inbox survivor = inbox(database.instance(), Duration.ofSeconds(1));
        dying.storeAll("hubspot", IntStream.range(0, 10).mapToObj(i -> event("e" + i)).toList());
        List<InboxEvent> lost = dying.claim("hubspot");

        assertThat(survivor.claim("hubspot")).as("still claimed").isEmpty();
        Thread.sleep(1_500);
        assertThat(survivor.claim("hubspot")).extracting(InboxEvent::id)
                .containsExactlyElementsOf(lost.stream().map(InboxEvent::id).toList());
    }

    private static CompletableFuture<Void> drain(Inbox inbox, String name, Map<Long, String> processedBy, List<String> twice) {
        return CompletableFuture.runAsync(() -> {
            List<InboxEvent> batch;
            while (!(batch = inbox.claim("hubspot")).isEmpty()) {
                for (InboxEvent event : batch) {
                    if (processedBy.putIfAbsent(event.id(), name) != null) {
                        synchronized (twice) {
                            twice.add(event.externalId());
                        }
                    }
                }
                inbox.markDone(batch.stream().map(InboxEvent::id).toList());
            }
        });
    }

    private Inbox inbox(DataSource pool, Duration claimTimeout) {
        Inbox inbox = new Inbox(JdbcClient.create(pool), new JdbcTemplate(pool),
                new TransactionTemplate(new DataSourceTransactionManager(pool)),
                new InboxProperties(100, claimTimeout, 50, Duration.ofDays(7), 1000, Duration.ZERO), Clock.systemUTC());
        inboxes.add(inbox);
        return inbox;
    }

    private static Inbox.NewEvent event(String id) {
        return new Inbox.NewEvent(id, "contact.creation", "c" + id, "{}");
    }
}
