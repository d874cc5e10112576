package io.referloop.hubspot;

import io.referloop.demo.FakeHubSpot;
import io.referloop.ingest.ClusterLock;
import io.referloop.ingest.PollCheckpoints;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A portal without webhooks: changes are found by polling the search API from a stored checkpoint. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class HubSpotPollerTest {

    static final String TOKEN = "pat-poller";
    static final FakeHubSpot hubspot = new FakeHubSpot(TOKEN).start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:poller-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("referloop.hubspot.base-url", hubspot::baseUrl);
        registry.add("referloop.hubspot.access-token", () -> TOKEN);
        registry.add("referloop.hubspot.poll-interval", () -> "1s");
        registry.add("referloop.hubspot.rate-limit-per-10s", () -> "1000");
        registry.add("referloop.inbox.poll-interval-ms", () -> "50");
        registry.add("referloop.hubspot.writeback-interval-ms", () -> "50");
    }

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
    void eachChangeIsStoredOnceHoweverOftenItIsPolledAndTheCheckpointMoves() {
        await().atMost(Duration.ofSeconds(10)).until(() -> checkpoints.get("hubspot:contacts").isPresent());
        String id = hubspot.createContact(Map.of("email", "once-" + UUID.randomUUID() + "@acme.io"));
        await().atMost(Duration.ofSeconds(10)).until(() -> polled(id) == 1);
        long checkpoint = Long.parseLong(checkpoints.get("hubspot:contacts").orElseThrow());

        await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(() -> true);

        assertThat(polled(id)).isEqualTo(1);
        assertThat(Long.parseLong(checkpoints.get("hubspot:contacts").orElseThrow())).isGreaterThanOrEqualTo(checkpoint);
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

    private long polled(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM inbox_event WHERE source = 'hubspot' AND external_id LIKE ?")
                .param("poll:contacts:" + id + ":%").query(Long.class).single();
    }
}
