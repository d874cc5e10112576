package io.referloop.ingest;

import io.referloop.support.MigratedH2;
import io.referloop.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A drain that found its source empty does not ask the database again until the recheck, unless this instance
 * stored an event of that source since.
 */
class IdleInboxTest {

    private static final Duration RECHECK = Duration.ofSeconds(1);

    private final MigratedH2 database = new MigratedH2("idle-inbox");
    private final MovableClock clock = new MovableClock();
    private final Inbox here = inbox();
    private final Inbox otherInstance = inbox();

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anEventThisInstanceStoredIsClaimedAtOnceAfterAnEmptyClaim() {
        assertThat(here.claim("stripe")).isEmpty();

        here.storeAll("stripe", List.of(event("evt_1")));

        assertThat(here.claim("stripe")).extracting(InboxEvent::externalId).containsExactly("evt_1");
    }

    @Test
    void anEventAnotherInstanceStoredIsClaimedAtTheRecheck() {
        assertThat(here.claim("stripe")).isEmpty();
        otherInstance.storeAll("stripe", List.of(event("evt_2")));

        assertThat(here.claim("stripe")).as("before the recheck").isEmpty();
        clock.advance(RECHECK);
        assertThat(here.claim("stripe")).extracting(InboxEvent::externalId).containsExactly("evt_2");
    }

    @Test
    void anEmptySourceDoesNotKeepAnotherSourceWaiting() {
        assertThat(here.claim("stripe")).isEmpty();
        otherInstance.storeAll("hubspot", List.of(event("evt_3")));

        assertThat(here.claim("hubspot")).extracting(InboxEvent::externalId).containsExactly("evt_3");
    }

    @Test
    void aSourceWithEventsLeftIsAskedAgainAtOnce() {
        otherInstance.storeAll("stripe", List.of(event("evt_4")));
        assertThat(here.claim("stripe")).hasSize(1);
        otherInstance.storeAll("stripe", List.of(event("evt_5")));

        assertThat(here.claim("stripe")).extracting(InboxEvent::externalId).containsExactly("evt_5");
    }

    private Inbox inbox() {
        return new Inbox(database.jdbc(), new JdbcTemplate(database.dataSource()),
                new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())),
                new InboxProperties(100, Duration.ofMinutes(2), 50, Duration.ofDays(7), 1000, RECHECK), clock);
    }

    private static Inbox.NewEvent event(String id) {
        return new Inbox.NewEvent(id, "invoice.paid", "in_" + id, "{\"id\":\"" + id + "\"}");
    }
}
