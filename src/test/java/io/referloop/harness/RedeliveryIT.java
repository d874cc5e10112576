package io.referloop.harness;

import io.referloop.demo.FakeHubSpot;
import io.referloop.demo.FakeTremendous;
import io.referloop.harness.ReferralWorkload.Event;
import io.referloop.support.Harness;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Jepsen's idempotence workload, for webhooks: every event is delivered 1 to 5 times (HubSpot's retries carry a
 * higher {@code attemptNumber}), the deliveries shuffled and sent concurrently in batches of varying size, while
 * Tremendous resets the connection after recording each reward's first order. Each promoter is still enrolled
 * once, each friend attributed, converted and rewarded once, and each gift card bought once.
 */
@Tag(Harness.TAG)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedeliveryIT {

    private static final HarnessAccounts ACCOUNTS = new HarnessAccounts("redelivery");
    private static final long SEED = Long.getLong("referloop.harness.seed", 20261123L);
    @AutoClose
    private static final FakeHubSpot hubspot = ACCOUNTS.startHubSpot();
    @AutoClose
    private static final FakeTremendous tremendous = ACCOUNTS.startTremendous();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Map<String, String> settings = ACCOUNTS.inMemorySettings(hubspot, 10_000, tremendous);
        settings.put("referloop.tremendous.timeout", "2s");
        settings.put("referloop.hubspot.writeback-interval-ms", "50");
        HarnessAccounts.register(registry, settings);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyEventDeliveredOneToFiveTimesShuffledAndConcurrentlyHasItsEffectOnce() throws Exception {
        hubspot.setRateLimitPer10s(10_000);
        Random random = new Random(SEED);
        ReferralWorkload workload = new ReferralWorkload(hubspot, "rd" + SEED, Harness.size(6, 150));
        ReferralInvariants invariants = new ReferralInvariants(workload, hubspot, tremendous);
        tremendous.resetConnectionAfterRecordingNext(workload.friendCount());
        WebhookSender sender = ACCOUNTS.sender("http://localhost:" + port);
        Set<String> delivered = new HashSet<>();
        int deliveries = 0;
        int requests = 0;
        Instant started = Instant.now();
        Instant deadline = started.plus(Duration.ofMinutes(Harness.isLong() ? 20 : 3));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            while (delivered.size() < workload.eventCount()) {
                assertThat(Instant.now()).as("all events ready before the deadline").isBefore(deadline);
                List<Event> fresh = workload.ready().stream().filter(e -> !delivered.contains(e.key())).toList();
                if (fresh.isEmpty()) {
                    Thread.sleep(100);
                    continue;
                }
                fresh.forEach(e -> delivered.add(e.key()));
                List<String[]> copies = new ArrayList<>();
                for (Event event : fresh) {
                    int times = 1 + random.nextInt(5);
                    for (int attempt = 0; attempt < times; attempt++) {
                        copies.add(new String[] {event.target().name(), event.attempt(attempt)});
                    }
                }
                Collections.shuffle(copies, random);
                deliveries += copies.size();
                List<Callable<Integer>> calls = requests(copies, random, sender);
                requests += calls.size();
                for (Future<Integer> status : pool.invokeAll(calls)) {
                    assertThat(status.get()).as("answer to a delivery").isBetween(200, 299);
                }
            }
        } finally {
            pool.shutdownNow();
        }

        await().atMost(Duration.ofMinutes(Harness.isLong() ? 10 : 2)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> invariants.assertEffectsExactlyOnce(jdbc));
        assertThat(tremendous.requestCount()).as("order attempts, the reset ones included")
                .isGreaterThanOrEqualTo(2 * workload.friendCount());
        System.out.printf("redelivery: %d events, %d deliveries in %d requests, %d rewards, %d Tremendous requests, %s%n",
                workload.eventCount(), deliveries, requests, tremendous.orderCount(), tremendous.requestCount(),
                Duration.between(started, Instant.now()));
    }

    /** HubSpot copies go in batches of 1 to 5 (duplicates may share a batch); Stripe sends one event a request. */
    private static List<Callable<Integer>> requests(List<String[]> copies, Random random, WebhookSender sender) {
        List<Callable<Integer>> calls = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        int batchSize = 1 + random.nextInt(5);
        for (String[] copy : copies) {
            if (copy[0].equals(ReferralWorkload.Target.STRIPE.name())) {
                String event = copy[1];
                calls.add(() -> sender.stripe(event));
                continue;
            }
            batch.add(copy[1]);
            if (batch.size() == batchSize) {
                List<String> events = List.copyOf(batch);
                calls.add(() -> sender.hubspot(events));
                batch.clear();
                batchSize = 1 + random.nextInt(5);
            }
        }
        if (!batch.isEmpty()) {
            List<String> events = List.copyOf(batch);
            calls.add(() -> sender.hubspot(events));
        }
        return calls;
    }
}
