package io.referloop.harness;

import io.referloop.demo.FakeHubSpot;
import io.referloop.demo.FakeTremendous;
import io.referloop.harness.ReferralWorkload.Event;
import io.referloop.support.ConnectorProcess;
import io.referloop.support.Deployment;
import io.referloop.support.Harness;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGKILL at random moments during a burst of referral events, restarting the connector each time on the same
 * H2 file, as deployed. Senders behave like HubSpot and Stripe: what was not acknowledged is sent again. Every
 * acknowledged event has its effect exactly once, an unacknowledged one no more than its later delivery brings,
 * and rewards equal the unique qualifying referrals.
 */
@Tag(Harness.TAG)
class CrashIT {

    private static final HarnessAccounts ACCOUNTS = new HarnessAccounts("crash");
    private static final long SEED = Long.getLong("referloop.harness.seed", 20261123L);
    private static final int EVENTS_PER_ROUND = 140;
    private static final int HUBSPOT_EVENTS_PER_REQUEST = 10;

    @TempDir
    Path dir;

    @Test
    void acknowledgedEventsHaveTheirEffectExactlyOnceAcrossKillsAndRestarts() throws Exception {
        int kills = Harness.size(1, 20);
        int events = Harness.size(210, 10_000);
        Random random = new Random(SEED);
        try (FakeHubSpot hubspot = ACCOUNTS.startHubSpot();
             FakeTremendous tremendous = ACCOUNTS.startTremendous()) {
            hubspot.setRateLimitPer10s(100_000);
            ReferralWorkload workload = new ReferralWorkload(hubspot, "crash" + SEED,
                    (events + ReferralWorkload.EVENTS_PER_GROUP - 1) / ReferralWorkload.EVENTS_PER_GROUP);
            ReferralInvariants invariants = new ReferralInvariants(workload, hubspot, tremendous);
            Deployment.copyRoutesAndMappings(dir);
            Map<String, String> settings = ACCOUNTS.settings(hubspot, 100_000, tremendous);
            settings.put("referloop.tremendous.timeout", "2s");
            settings.put("referloop.rewards.claim-timeout", "3s");
            settings.put("referloop.inbox.claim-timeout", "3s");
            List<String> arguments = HarnessAccounts.arguments(settings);
            Path log = dir.resolve("connector.log");

            // kill points: after that many events were sent, at a random moment of the next round
            TreeSet<Integer> killPoints = new TreeSet<>();
            while (killPoints.size() < kills) {
                killPoints.add((int) (workload.eventCount() * (0.05 + 0.9 * random.nextDouble())));
            }
            Set<String> acknowledged = new HashSet<>();
            int sent = 0;
            int unanswered = 0;
            int killed = 0;
            Duration restarts = Duration.ZERO;
            Instant started = Instant.now();
            Instant allAcknowledged = null;
            Instant deadline = started.plus(Duration.ofMinutes(Harness.isLong() ? 40 : 4));
            AtomicReference<ConnectorProcess> connector = new AtomicReference<>(ConnectorProcess.start(dir, log, arguments));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                while (acknowledged.size() < workload.eventCount()) {
                    assertThat(Instant.now()).as("every event acknowledged before the deadline").isBefore(deadline);
                    List<Event> round = workload.ready().stream().filter(e -> !acknowledged.contains(e.key()))
                            .limit(EVENTS_PER_ROUND).toList();
                    if (round.isEmpty()) {
                        Thread.sleep(100);
                        continue;
                    }
                    CompletableFuture<Void> kill = CompletableFuture.completedFuture(null);
                    if (!killPoints.isEmpty() && sent >= killPoints.first()) {
                        killPoints.pollFirst();
                        long delay = random.nextInt(400);
                        ConnectorProcess victim = connector.get();
                        kill = CompletableFuture.runAsync(() -> killAfter(victim, delay));
                        killed++;
                    }
                    WebhookSender sender = ACCOUNTS.sender(connector.get().baseUrl());
                    List<List<Event>> requests = WebhookSender.requests(round, HUBSPOT_EVENTS_PER_REQUEST);
                    List<Callable<Integer>> calls = requests.stream().<Callable<Integer>>map(r -> () -> sender.send(r)).toList();
                    List<Future<Integer>> answers = pool.invokeAll(calls);
                    for (int i = 0; i < requests.size(); i++) {
                        if (WebhookSender.acknowledged(answers.get(i).get())) {
                            requests.get(i).forEach(e -> acknowledged.add(e.key()));
                        } else {
                            unanswered += requests.get(i).size();
                        }
                    }
                    sent += round.size();
                    kill.join();
                    if (!connector.get().isAlive()) {
                        Instant restart = Instant.now();
                        connector.set(ConnectorProcess.start(dir, log, arguments));
                        restarts = restarts.plus(Duration.between(restart, Instant.now()));
                    }
                }
                allAcknowledged = Instant.now();
                await().atMost(Duration.ofMinutes(Harness.isLong() ? 20 : 3)).pollInterval(Duration.ofMillis(200))
                        .until(invariants::settled);
            } finally {
                pool.shutdownNow();
                connector.get().close();
            }
            Duration took = Duration.between(started, Instant.now());

            DriverManagerDataSource h2 = new DriverManagerDataSource(
                    "jdbc:h2:file:" + dir.resolve("data/referloop").toAbsolutePath(), "sa", "");
            invariants.assertEffectsExactlyOnce(JdbcClient.create(h2));
            assertThat(killed).as("kills").isEqualTo(kills);
            System.out.printf("crash: %d events (%d deliveries unanswered and sent again), %d kills, %d rewards, "
                            + "%d distinct Tremendous external_ids, %d CRM batch updates; %s in all, %s of it restarting, "
                            + "settled %s after the last acknowledgement%n",
                    workload.eventCount(), unanswered, killed, tremendous.orderCount(),
                    new HashSet<>(tremendous.orderedExternalIds()).size(), hubspot.batchUpdateSizes().size(), took,
                    restarts, Duration.between(allAcknowledged, started.plus(took)));
        }
    }


    private static void killAfter(ConnectorProcess victim, long millis) {
        try {
            Thread.sleep(millis);
            victim.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
