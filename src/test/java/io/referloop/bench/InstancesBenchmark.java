package io.referloop.bench;

import io.referloop.support.ConnectorProcess;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance with one, two and three connectors on one PostgreSQL schema, the senders spread over them in turn
 * as a load balancer would: does acceptance grow with instances until the database (or, on one small machine, the
 * CPU) binds, and do the instances together stay within the one HubSpot quota (zero 429s from a fake that enforces
 * it, every connector configured with the full portal limit)? Figures go to {@code target/bench/instances-postgresql.md}.
 * <p>
 * Run with {@code ./mvnw -o -Pbench test -Dtest=InstancesBenchmark} (see bench/README.md).
 */
@Tag(Harness.BENCH_TAG)
@ExtendWith(PostgresAvailable.class)
class InstancesBenchmark {

    private static final int SENDERS = 16;
    private static final int MAX_INSTANCES = Integer.getInteger("bench.instances", 3);

    @TempDir
    Path root;

    /** Starts connectors as the load benchmark does ({@code bench.launch}: classpath, jar or cds). */
    private ConnectorLauncher launcher;

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
        launcher = new ConnectorLauncher(root);
        for (int instances = 1; instances <= MAX_INSTANCES; instances++) {
            out.append(run(instances)).append('\n');
            Files.writeString(file, out);
        }
        System.out.println(out);
    }

    private String run(int instances) throws Exception {
        String folder = "instances-" + instances;
        try (Stage stage = new Stage(launcher, root.resolve(folder), BenchDatabase.postgres())) {
            List<String> contacts = stage.customers(2_000, "Member", i -> "member" + i + "@team" + i + ".example");
            List<ConnectorProcess> connectors = new ArrayList<>();
            try {
                for (int i = 0; i < instances; i++) {
                    // each instance its own deployment folder (routes/, mappings/, its log), one database for all
                    connectors.add(stage.start(launcher.deployment(folder + "/instance-" + i)));
                }
                List<WebhookSender> senders = connectors.stream().map(ConnectorLauncher::sender).toList();
                roundRobin(senders, contacts, LoadBenchmark.seconds(5));

                long[] cpuBefore = connectors.stream().mapToLong(c -> c.cpuTime().toNanos()).toArray();
                CpuWindow machine = CpuWindow.open(connectors.get(0));
                ClosedLoop.Result accepted = roundRobin(senders, contacts, LoadBenchmark.seconds(20));
                machine.close();
                long connectorCpu = 0;
                for (int i = 0; i < instances; i++) {
                    connectorCpu += connectors.get(i).cpuTime().toNanos() - cpuBefore[i];
                }
                assertThat(accepted.failures()).as("requests refused or failed").isZero();
                double cpuShare = 100.0 * connectorCpu
                        / (machine.seconds() * 1e9 * Runtime.getRuntime().availableProcessors());
                Latencies latencies = accepted.latencies();
                return "| %d | %,.0f | %.0f | %.0f | %.0f %% | %.0f %% | %,d | %,d |".formatted(instances,
                        accepted.events() / machine.seconds(), latencies.percentileMillis(50),
                        latencies.percentileMillis(99), cpuShare, machine.machineShare(), stage.hubspot.requestCount(),
                        stage.hubspot.rateLimitedCount());
            } finally {
                for (ConnectorProcess connector : connectors) {
                    connector.close();
                }
            }
        }
    }

    /** The load benchmark's closed-loop mix, each sender sending each request to the next instance in turn. */
    private static ClosedLoop.Result roundRobin(List<WebhookSender> senders, List<String> contacts, Duration duration)
            throws Exception {
        return new ClosedLoop(SENDERS, duration).run(LoadBenchmark::batchEvents, (s, n) -> {
            WebhookSender sender = senders.get((int) ((s + n) % senders.size()));
            return LoadBenchmark.stripeTurn(n) ? sender.stripe("nobody" + s + "-" + (n + 1) + "@corp.example")
                    : sender.hubspot("contact.propertyChange", LoadBenchmark.pick(contacts, LoadBenchmark.HUBSPOT_BATCH));
        });
    }
}
