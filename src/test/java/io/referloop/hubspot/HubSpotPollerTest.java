package io.referloop.hubspot;

import io.referloop.demo.FakeHubSpot;
import io.referloop.ingest.ClusterLock;
import io.referloop.ingest.PollCheckpoints;
import io.referloop.support.LiveFilesContext;
import io.referloop.support.LiveFilesProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A portal without webhooks: changes are found by polling the search API from a stored checkpoint.
 * <p>
 * The {@link LiveFilesContext}: the poller against that context's fake HubSpot, the route ticking every
 * {@value LiveFilesProperties#HUBSPOT_TICK_MILLIS} ms instead of each second, searches spaced less than HubSpot's
 * limit asks, and an overlap of 90 s ({@link LiveFilesProperties#HUBSPOT_POLL_OVERLAP}): a poll follows a change in
 * a fraction of a second. What a poll reads and stores is the connector as deployed.
 */
@LiveFilesContext
class HubSpotPollerTest {

    static final FakeHubSpot hubspot = LiveFilesProperties.hubspot();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PollCheckpoints checkpoints;
    @Autowired
    HubSpotPoller poller;

    @Test
    void aPromoterFoundByPollingIsEnrolledWithoutAnyWebhook() {
        await().atMost(Duration.ofSeconds(10)).until(() -> checkpoints.get("hubspot:contacts").isPresent());
        String id = hubspot.createContact(Map.of("email", "polled-" + UUID.randomUUID() + "@acme.io", "nps_score", "10"));

        await().atMost(Duration.ofSeconds(20)).until(() -> hubspot.contact(id).get("referral_code") != null);
    }

    @Test
    void aChangeReReadInsideTheOverlapIsStoredOnceAndTheCheckpointMoves() {
        await().atMost(Duration.ofSeconds(10)).until(() -> checkpoints.get("hubspot:contacts").isPresent());
        String id = hubspot.createContact(Map.of("email", "once-" + UUID.randomUUID() + "@acme.io"));
        await().atMost(Duration.ofSeconds(10)).until(() -> polled(id) == 1);
        long modified = Instant.parse(hubspot.contact(id).get("hs_lastmodifieddate")).toEpochMilli();
        int searchesBefore = hubspot.searches().size();

        // two later polls whose window starts before the change: the second begins after the first has stored
        await().atMost(Duration.ofSeconds(10)).until(() -> contactPollsFrom(searchesBefore)
                .filter(from -> from < modified).count() >= 2);

        assertThat(polled(id)).isEqualTo(1);
        assertThat(Long.parseLong(checkpoints.get("hubspot:contacts").orElseThrow())).isGreaterThanOrEqualTo(modified);
    }

    @Test
    void aChangeMadeJustBeforeTheFirstPollIsFound() {
        await().atMost(Duration.ofSeconds(10)).until(() -> checkpoints.get("hubspot:contacts").isPresent());
        ClusterLock otherInstance = holdPollingLease();
        String id;
        try {
            id = hubspot.createContact(Map.of("email", "first-" + UUID.randomUUID() + "@acme.io"));
            jdbc.sql("DELETE FROM poll_checkpoint WHERE name LIKE 'hubspot:%'").update();
        } finally {
            otherInstance.release(HubSpotPoller.LOCK);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> polled(id) == 1);
    }

    @Test
    void aChangeTheSearchIndexShowsAfterNewerOnesIsFoundInTheOverlap() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> checkpoints.get("hubspot:contacts").isPresent());
        String late = hubspot.createContactIndexedLate(Map.of("email", "late-" + UUID.randomUUID() + "@acme.io"));
        Thread.sleep(5);
        String newer = hubspot.createContact(Map.of("email", "newer-" + UUID.randomUUID() + "@acme.io"));
        await().atMost(Duration.ofSeconds(10)).until(() -> polled(newer) == 1);
        long lateModified = Instant.parse(hubspot.contact(late).get("hs_lastmodifieddate")).toEpochMilli();
        // the checkpoint is saved once the poll's pages are stored, a moment after the record itself
        await().atMost(Duration.ofSeconds(10)).until(() ->
                Long.parseLong(checkpoints.get("hubspot:contacts").orElseThrow()) > lateModified);

        hubspot.finishIndexing(late);

        await().atMost(Duration.ofSeconds(10)).until(() -> polled(late) == 1);
    }

    @Test
    void eachPollReReadsTheConfiguredOverlapBeforeItsCheckpoint() {
        await().atMost(Duration.ofSeconds(10)).until(() -> checkpoints.get("hubspot:contacts").isPresent());
        int searchesBefore = hubspot.searches().size();

        await().atMost(Duration.ofSeconds(10)).until(() -> contactPollsFrom(searchesBefore).anyMatch(from ->
                from == Long.parseLong(checkpoints.get("hubspot:contacts").orElseThrow())
                        - LiveFilesProperties.HUBSPOT_POLL_OVERLAP.toMillis()));
    }

    @Test
    void aStoppingPollerHandsItsLeaseBackForAnotherInstanceToTakeAtOnce() {
        await().atMost(Duration.ofSeconds(10)).until(() -> checkpoints.get("hubspot:contacts").isPresent());
        ClusterLock otherInstance = new ClusterLock(jdbc, Clock.systemUTC());
        assertThat(otherInstance.tryAcquire(HubSpotPoller.LOCK, Duration.ofMinutes(1))).as("held by the poller").isFalse();

        poller.releaseLease();

        assertThat(otherInstance.tryAcquire(HubSpotPoller.LOCK, Duration.ofMinutes(1))).isTrue();
        otherInstance.release(HubSpotPoller.LOCK);
    }

    /** The lower bounds of the contact polls' first searches made since the n-th search. */
    private Stream<Long> contactPollsFrom(int n) {
        List<FakeHubSpot.Search> searches = hubspot.searches();
        return searches.subList(n, searches.size()).stream()
                .filter(s -> s.objectType().equals("contacts") && s.after() == null)
                .map(s -> s.filterValue(HubSpotPoller.MODIFIED)).filter(Objects::nonNull).map(Long::parseLong);
    }

    /** Holds the poller's lease as another instance would, so that the connector's poller waits. */
    private ClusterLock holdPollingLease() {
        ClusterLock otherInstance = new ClusterLock(jdbc, Clock.systemUTC());
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            poller.releaseLease();
            return otherInstance.tryAcquire(HubSpotPoller.LOCK, Duration.ofMinutes(1));
        });
        return otherInstance;
    }

    private long polled(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM inbox_event WHERE source = 'hubspot' AND external_id LIKE ?")
                .param("poll:contacts:" + id + ":%").query(Long.class).single();
    }
}
