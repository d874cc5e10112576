package io.referloop.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.referloop.ingest.Inbox;
import io.referloop.ingest.InboxEvent;
import io.referloop.ingest.InboxProperties;
import io.referloop.support.Harness;
import io.referloop.support.PostgresAvailable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one inbox claim costs as processed rows pile up: the same backlog of new events is drained (claim, then
 * mark done, 100 at a time) over 10,000 and then 1,000,000 processed rows, on H2 (file, the shipped URL) and on
 * PostgreSQL. Also timed: a claim that finds nothing, which every drain makes five times a second when idle.
 * Figures go to {@code target/bench/claim-cost-<db>.md}; nothing is asserted on time.
 */
@Tag(Harness.BENCH_TAG)
class ClaimCostBenchmark {

    static final int BACKLOG = 3_000;
    static final int IDLE_CLAIMS = 50;

    @TempDir
    Path root;

    @Test
    void h2() throws Exception {
        run(BenchDatabase.h2(root));
    }

    @Test
    @ExtendWith(PostgresAvailable.class)
    void postgresql() throws Exception {
        run(BenchDatabase.postgres());
    }

    private void run(BenchDatabase database) throws Exception {
        database.migrate();
        StringBuilder report = new StringBuilder("| processed rows | claims | median claim (ms) | p95 claim (ms) "
                + "| drain (events/s) | idle claim median (ms) |\n| --- | --- | --- | --- | --- | --- |\n");
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(database.url());
            pool.setUsername(database.name().equals("H2") ? "sa" : "postgres");
            pool.setPassword("");
            Inbox inbox = new Inbox(JdbcClient.create(pool), new JdbcTemplate(pool),
                    new TransactionTemplate(new DataSourceTransactionManager(pool)),
                    new InboxProperties(100, Duration.ofMinutes(2), 50, Duration.ofDays(7), 1000, Duration.ZERO), Clock.systemUTC());
            long processed = 0;
            for (long target : List.of(10_000L, 1_000_000L)) {
                seedProcessed(database, processed + 1, target);
                processed = target;
                seedNew(database, processed + 1, BACKLOG);
                report.append(drain(inbox, processed)).append('\n');
                processed += BACKLOG;
            }
            inbox.destroy();
        }
        Path out = Path.of("target/bench/claim-cost-" + database.name().toLowerCase() + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "# Claim cost vs processed rows, " + database.name() + "\n\n" + report);
        System.out.println(out + ":\n" + report);
    }

    private static String drain(Inbox inbox, long processed) {
        List<Double> claims = new ArrayList<>();
        long start = System.nanoTime();
        int drained = 0;
        while (true) {
            long t = System.nanoTime();
            List<InboxEvent> batch = inbox.claim("hubspot");
            claims.add((System.nanoTime() - t) / 1e6);
            if (batch.isEmpty()) {
                break;
            }
            inbox.markDone(batch.stream().map(InboxEvent::id).toList());
            drained += batch.size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Double> idle = new ArrayList<>();
        for (int i = 0; i < IDLE_CLAIMS; i++) {
            long t = System.nanoTime();
            inbox.claim("hubspot");
            idle.add((System.nanoTime() - t) / 1e6);
        }
        return "| %,d | %d | %.2f | %.2f | %,.0f | %.2f |".formatted(processed, claims.size(), percentile(claims, 0.5),
                percentile(claims, 0.95), drained / seconds, percentile(idle, 0.5));
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }

    /** Processed HubSpot events with ids from..to, in slices (one huge transaction makes H2 keep a huge undo log). */
    private static void seedProcessed(BenchDatabase database, long from, long to) throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            for (long slice = from; slice <= to; slice += 100_000) {
                s.execute("""
                        INSERT INTO inbox_event (source, external_id, event_type, object_id, payload, received_at, status,
                                                 attempts, processed_at)
                        SELECT 'hubspot', 'done-' || x, 'contact.propertyChange', '' || x, '{}', CURRENT_TIMESTAMP, 'DONE',
                               1, CURRENT_TIMESTAMP
                        FROM (%s) r""".formatted(database.range(slice, Math.min(to, slice + 99_999))));
            }
            if (database.name().equals("PostgreSQL")) {
                s.execute("ANALYZE inbox_event");
            }
        }
    }

    private static void seedNew(BenchDatabase database, long from, int count) throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO inbox_event (source, external_id, event_type, object_id, payload, received_at, status)
                    SELECT 'hubspot', 'new-' || x, 'contact.propertyChange', '' || x, '{}', CURRENT_TIMESTAMP, 'NEW'
                    FROM (%s) r""".formatted(database.range(from, from + count - 1)));
        }
    }
}
