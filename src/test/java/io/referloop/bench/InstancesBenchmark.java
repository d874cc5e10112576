package io.referloop.bench;

import io.referloop.demo.FakeHubSpot;
import io.referloop.demo.FakeTremendous;
import io.referloop.support.ConnectorProcess;
import io.referloop.support.Deployment;
import io.referloop.support.Harness;
import io.referloop.support.PostgresAvailable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance with one, two and three connectors on one PostgreSQL schema, the senders spread over them in turn
 * as a load balancer would: does acceptance grow with instances until the database (or, on one small machine, the
 * CPU) binds, and do the instances together stay within the one HubSpot quota (zero 429s from a fake that enforces
 * it, every connector configured with the full portal limit)? Figures go to {@code target/bench/instances-postgresql.md}.
 * <p>
 * Run with {@code ./mvnw -o -Pbench verify -Dtest=InstancesBenchmark} (see bench/README.md).
 */
@Tag(Harness.BENCH_TAG)
@ExtendWith(PostgresAvailable.class)
class InstancesBenchmark {

    private static final int SENDERS = 16;
    private static final int MAX_INSTANCES = Integer.getInteger("bench.instances", 3);

    @TempDir
    Path root;

    /** Starts connectors as the load benchmark does ({@code bench.launch}: classpath, jar or cds). */
    private final LoadBenchmark launcher = new LoadBenchmark();

    @Test
    void acceptanceGrowsWithInstancesWithinOneQuota() throws Exception {
        StringBuilder out = new StringBuilder("""
                # Several instances on one PostgreSQL

                %d closed-loop senders, each request to the next instance in turn; per 10 requests 9 HubSpot batches \
                of %d `contact.propertyChange` events (`nps_score`, read by the enrolment rule, so the drains read \
                contacts from HubSpot) and one Stripe `invoice.paid`. The fake HubSpot enforces %d requests per \
                rolling 10 s, and every connector is configured with that same portal limit.

                | instances | accepted events/s | p50 ms | p99 ms | connectors' CPU | whole machine | HubSpot calls | 429s |
                | --- | --- | --- | --- | --- | --- | --- | --- |
                """.formatted(SENDERS, LoadBenchmark.HUBSPOT_BATCH, LoadBenchmark.RATE_LIMIT_PER_10S));
        Path file = Path.of("target", "bench", "instances-postgresql.md");
        Files.createDirectories(file.getParent());
        launcher.root = root;
        for (int instances = 1; instances <= MAX_INSTANCES; instances++) {
            out.append(run(instances)).append('\n');
            Files.writeString(file, out);
        }
        System.out.println(out);
    }

    private String run(int instances) throws Exception {
        Path dir = root.resolve("instances-" + instances);
        BenchDatabase db = BenchDatabase.postgres();
        try (FakeHubSpot hubspot = new FakeHubSpot(LoadBenchmark.TOKEN).start();
             FakeTremendous tremendous = new FakeTremendous(LoadBenchmark.TREMENDOUS_KEY).start()) {
            hubspot.setRateLimitPer10s(LoadBenchmark.RATE_LIMIT_PER_10S);
            List<String> contacts = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                contacts.add(hubspot.createContact(Map.of("email", "member" + i + "@team" + i + ".example",
                        "firstname", "Member", "nps_score", "7")));
            }
            List<ConnectorProcess> connectors = new ArrayList<>();
            try {
                for (int i = 0; i < instances; i++) {
                    // each instance its own deployment folder (routes/, mappings/, its log), one database for all
                    Path deployment = dir.resolve("instance-" + i);
                    Files.createDirectories(deployment);
                    Deployment.copyRoutesAndMappings(deployment);
                    connectors.add(launcher.start(deployment, db, hubspot, tremendous));
                }
                List<WebhookSender> senders = connectors.stream().map(LoadBenchmark::sender).toList();
                closedLoop(senders, contacts, LoadBenchmark.seconds(5), new Latencies(), new AtomicLong());

                Latencies latencies = new Latencies();
                AtomicLong events = new AtomicLong();
                long[] cpuBefore = connectors.stream().mapToLong(c -> c.cpuTime().toNanos()).toArray();
                CpuWindow machine = CpuWindow.open(connectors.get(0));
                long failures = closedLoop(senders, contacts, LoadBenchmark.seconds(20), latencies, events);
                machine.close();
                long connectorCpu = 0;
                for (int i = 0; i < instances; i++) {
                    connectorCpu += connectors.get(i).cpuTime().toNanos() - cpuBefore[i];
                }
                assertThat(failures).as("requests refused or failed").isZero();
                double cpuShare = 100.0 * connectorCpu
                        / (machine.seconds() * 1e9 * Runtime.getRuntime().availableProcessors());
                return "| %d | %,.0f | %.0f | %.0f | %.0f %% | %.0f %% | %,d | %,d |".formatted(instances,
                        events.get() / machine.seconds(), latencies.percentileMillis(50),
                        latencies.percentileMillis(99), cpuShare, machine.machineShare(), hubspot.requestCount(),
                        hubspot.rateLimitedCount());
            } finally {
                for (ConnectorProcess connector : connectors) {
                    connector.close();
                }
            }
        }
    }

    /** Each sender waits for its answer before sending again, to the next instance in turn. */
    private static long closedLoop(List<WebhookSender> senders, List<String> contacts, Duration duration,
                                   Latencies latencies, AtomicLong events) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong failures = new AtomicLong();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < SENDERS; t++) {
            int offset = t;
            running.add(pool.submit(() -> {
                int k = 0;
                while (System.nanoTime() < end) {
                    WebhookSender sender = senders.get((offset + k) % senders.size());
                    boolean stripe = k++ % 10 == 9;
                    long started = System.nanoTime();
                    int status = stripe ? sender.stripe("nobody" + offset + "-" + k + "@corp.example")
                            : sender.hubspot("contact.propertyChange", LoadBenchmark.pick(contacts, LoadBenchmark.HUBSPOT_BATCH));
                    latencies.add(System.nanoTime() - started);
                    if (status / 100 == 2) {
                        events.addAndGet(stripe ? 1 : LoadBenchmark.HUBSPOT_BATCH);
                    } else {
                        failures.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        return failures.get();
    }
}
