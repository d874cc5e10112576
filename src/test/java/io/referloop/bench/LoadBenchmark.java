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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load benchmark: the connector in its own JVM on loopback, against the WireMock fakes of HubSpot
 * (private-app rate limit of a Professional portal, 190 per rolling 10 s) and Tremendous, fed with signed
 * HubSpot and Stripe webhooks. Figures go to {@code target/bench/load-<database>.md}; a missed target is
 * reported there, never failed on. The build fails only if an acknowledged event is lost.
 * <p>
 * Run with {@code ./mvnw -Pbench verify -Dtest=LoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (see bench/README.md); {@code -Dbench.scale=0.25} shortens every timed phase for a quick look.
 */
@Tag(Harness.BENCH_TAG)
class LoadBenchmark {

    static final String TOKEN = "pat-bench";
    static final String SECRET = "bench-client-secret";
    static final String WHSEC = "whsec_bench";
    static final String TREMENDOUS_KEY = "TEST_bench";
    static final String ADMIN = "bench-admin";
    static final String PUBLIC_BASE = "https://referloop.bench.example";
    static final int RATE_LIMIT_PER_10S = 190;
    static final int HUBSPOT_BATCH = 10;
    static final int OPEN_LOOP_EVENTS_PER_SECOND = 3_000;
    static final int SINGLE_REQUESTS_PER_SECOND = 3_000;
    static final int SINGLE_SENDERS = 32;
    static final int E2E_EVENTS_PER_SECOND = 100;
    static final int ACTIVE_ADVOCATES = 1_000;
    static final int BACKLOG = 10_000;
    static final int SIGNUPS = 10_000;
    static final int SIGNUPS_PER_WEBHOOK = 100;
    static final int SIGNUP_ADVOCATES = Integer.getInteger("bench.signups.advocates", 10);
    static final int BURST_BEFORE_SIGNUPS = 3_000;

    static final double SCALE = Double.parseDouble(System.getProperty("bench.scale", "1"));
    static final String PHASES = System.getProperty("bench.phases", "ingest,drain,single,e2e,scale,backlog,signups,startup");
    /** A contact property that mappings/hubspot.yaml does not read: its changes need no CRM call. */
    static final String UNREAD_PROPERTY = "hs_lead_status";
    /** How every phase starts the connector: classpath (the test classpath), jar (the packaged jar), cds (with CDS). */
    static final String LAUNCH = System.getProperty("bench.launch", "classpath");
    static final int STARTS_PER_LAUNCH = 3;

    @TempDir
    Path root;

    private final Report report = new Report();
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong steadyEvents = new AtomicLong();
    private PackagedJar packaged;

    @Test
    void h2() throws Exception {
        run("h2", dir -> BenchDatabase.h2(dir));
    }

    @Test
    @ExtendWith(PostgresAvailable.class)
    void postgresql() throws Exception {
        run("postgresql", dir -> BenchDatabase.postgres());
    }

    private void run(String name, Function<Path, BenchDatabase> database) throws Exception {
        report.header(name.equals("h2") ? "H2" : "PostgreSQL");
        Path out = Path.of("target", "bench", "load-" + name + ".md");
        Files.createDirectories(out.getParent());
        try {
            if (PHASES.contains("ingest")) {
                ingest(database, name);
                Files.writeString(out, report.text());
            }
            if (PHASES.contains("single")) {
                singleEvents(database, name);
                Files.writeString(out, report.text());
            }
            if (PHASES.contains("signups")) {
                signups(database, name);
                Files.writeString(out, report.text());
            }
            if (PHASES.contains("drain")) {
                drain(database, name);
                Files.writeString(out, report.text());
            }
            if (PHASES.contains("e2e")) {
                endToEnd(database, name, ACTIVE_ADVOCATES);
                Files.writeString(out, report.text());
            }
            if (PHASES.contains("scale")) {
                endToEnd(database, name, 1_000_000);
                Files.writeString(out, report.text());
            }
            if (PHASES.contains("backlog")) {
                backlog(database, name);
                Files.writeString(out, report.text());
            }
            if (PHASES.contains("startup")) {
                startup(database, name);
            }
            report.footer();
        } finally {
            Files.writeString(out, report.text());
            System.out.println(report.text());
        }
    }

    // ---- 1. webhook acceptance: closed loop for the ceiling, open loop at 3,000 events/s for latency ----

    private void ingest(Function<Path, BenchDatabase> database, String name) throws Exception {
        Path dir = deployment(name + "-ingest");
        BenchDatabase db = database.apply(dir);
        try (FakeHubSpot hubspot = new FakeHubSpot(TOKEN).start();
             FakeTremendous tremendous = new FakeTremendous(TREMENDOUS_KEY).start()) {
            hubspot.setRateLimitPer10s(RATE_LIMIT_PER_10S);
            List<String> contacts = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                contacts.add(hubspot.createContact(Map.of("email", "customer" + i + "@corp" + (i % 300) + ".example",
                        "firstname", "Customer", "nps_score", "7")));
            }
            try (ConnectorProcess connector = start(dir, db, hubspot, tremendous)) {
                report.startup(connector);
                WebhookSender sender = sender(connector);
                AtomicLong accepted = new AtomicLong();
                long firstDelivery = System.nanoTime();
                closedLoop(sender, contacts, "nps_score", 8, seconds(5), accepted, new Latencies(), new AtomicLong());

                Latencies closed = new Latencies();
                AtomicLong closedEvents = new AtomicLong();
                CpuWindow cpu = CpuWindow.open(connector);
                long failures = closedLoop(sender, contacts, "nps_score", 8, seconds(20), accepted, closed, closedEvents);
                cpu.close();
                report.closedLoop(closedEvents.get(), closed, cpu, failures);

                Latencies open = new Latencies();
                AtomicLong openEvents = new AtomicLong();
                CpuWindow openCpu = CpuWindow.open(connector);
                long openFailures = openLoop(sender, contacts, seconds(20), accepted, open, openEvents);
                openCpu.close();
                double steadyRate = steadyEvents.get() / (seconds(20).toNanos() / 2 / 1e9);
                report.openLoop(offered.get(), openEvents.get(), steadyRate, open, openCpu, openFailures);

                // burst then drain: every delivery above needs the contact read from HubSpot (nps_score is read by
                // the enrolment rule), so the drain is bound by the quota as well as by the CPU
                long lastAcknowledged = System.nanoTime();
                long waiting = awaitInboxDrained(connector, Duration.ofMinutes(10));
                long drained = System.nanoTime();
                report.line("Burst then drain: %,d events acknowledged in %.1f s; all processed %.1f s after the last "
                                + "acknowledgement, %.1f s after the first delivery (%,.0f events/s end to end)%s.",
                        accepted.get(), (lastAcknowledged - firstDelivery) / 1e9, (drained - lastAcknowledged) / 1e9,
                        (drained - firstDelivery) / 1e9, accepted.get() / ((drained - firstDelivery) / 1e9),
                        waiting > 0 ? "; " + waiting + " still waiting after 10 minutes" : "");
                report.line("");

                report.rss(connector, "ingest");
                // SIGKILL before counting: what was acknowledged must be on disk, not in a buffer
                connector.kill();
                long stored = db.count("SELECT COUNT(*) FROM inbox_event");
                // more rows than acknowledgements is allowed: a request the sender gave up on (30 s) may have
                // been stored, and a sender retries it; fewer would be an acknowledged event lost
                assertThat(stored).as("every acknowledged event is in the inbox").isGreaterThanOrEqualTo(accepted.get());
                report.line("Acknowledged events: %,d; rows in the inbox after a SIGKILL of the connector: %,d "
                        + "(%,d stored without the sender seeing the answer in time).", accepted.get(), stored,
                        stored - accepted.get());
                report.line("");
            }
        }
    }

    // ---- 1b. single-event acceptance: one event per request, as Stripe always and HubSpot often sends ----

    private void singleEvents(Function<Path, BenchDatabase> database, String name) throws Exception {
        Path dir = deployment(name + "-single");
        BenchDatabase db = database.apply(dir);
        try (FakeHubSpot hubspot = new FakeHubSpot(TOKEN).start();
             FakeTremendous tremendous = new FakeTremendous(TREMENDOUS_KEY).start()) {
            hubspot.setRateLimitPer10s(RATE_LIMIT_PER_10S);
            List<String> contacts = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                contacts.add(hubspot.createContact(Map.of("email", "single" + i + "@corp" + (i % 300) + ".example",
                        "firstname", "Customer", "nps_score", "7")));
            }
            try (ConnectorProcess connector = start(dir, db, hubspot, tremendous)) {
                report.startup(connector);
                WebhookSender sender = sender(connector);
                AtomicLong accepted = new AtomicLong();
                singleClosedLoop(sender, contacts, seconds(5), accepted, new Latencies());

                Latencies closed = new Latencies();
                CpuWindow closedCpu = CpuWindow.open(connector);
                long closedFailures = singleClosedLoop(sender, contacts, seconds(20), accepted, closed);
                closedCpu.close();
                double ceiling = closed.count() / closedCpu.seconds();
                report.singleClosedLoop(SINGLE_SENDERS, closed, closedCpu, closedFailures);

                int belowCeiling = (int) Math.max(1, Math.round(ceiling * 0.8));
                Latencies below = new Latencies();
                CpuWindow belowCpu = CpuWindow.open(connector);
                OpenLoop atEighty = singleOpenLoop(sender, contacts, belowCeiling, seconds(20), accepted, below);
                belowCpu.close();
                report.singleOpenLoop("80 % of the closed-loop ceiling", belowCeiling, atEighty.offered(), atEighty.acknowledged(),
                        atEighty.steadyRate(), below, belowCpu, atEighty.failures(), false);

                Latencies target = new Latencies();
                CpuWindow targetCpu = CpuWindow.open(connector);
                OpenLoop atTarget = singleOpenLoop(sender, contacts, SINGLE_REQUESTS_PER_SECOND, seconds(20), accepted,
                        target);
                targetCpu.close();
                report.singleOpenLoop("the 3,000 requests/s target", SINGLE_REQUESTS_PER_SECOND, atTarget.offered(), atTarget.acknowledged(),
                        atTarget.steadyRate(), target, targetCpu, atTarget.failures(), true);

                report.rss(connector, "single-event acceptance");
                connector.kill();
                long stored = db.count("SELECT COUNT(*) FROM inbox_event");
                assertThat(stored).as("every acknowledged event is in the inbox").isGreaterThanOrEqualTo(accepted.get());
                report.line("Acknowledged single-event requests: %,d; rows in the inbox after a SIGKILL: %,d.",
                        accepted.get(), stored);
                report.line("");
            }
        }
    }

    /** A HubSpot array of one contact.propertyChange and a Stripe invoice.paid in turn, from each sender. */
    private static int sendOne(WebhookSender sender, List<String> contacts, long k) throws Exception {
        return k % 2 == 0 ? sender.hubspot("contact.propertyChange", pick(contacts, 1))
                : sender.stripe("nobody" + k + "@corp.example");
    }

    private long singleClosedLoop(WebhookSender sender, List<String> contacts, Duration duration, AtomicLong accepted,
                                  Latencies latencies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SINGLE_SENDERS);
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong failures = new AtomicLong();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < SINGLE_SENDERS; t++) {
            long first = t;
            running.add(pool.submit(() -> {
                long k = first;
                while (System.nanoTime() < end) {
                    long started = System.nanoTime();
                    int status = sendOne(sender, contacts, k++);
                    latencies.add(System.nanoTime() - started);
                    if (status / 100 == 2) {
                        accepted.incrementAndGet();
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

    record OpenLoop(long offered, long acknowledged, double steadyRate, long failures) {
    }

    /** Single-event requests on a fixed schedule; latency counts from the scheduled moment. */
    private OpenLoop singleOpenLoop(WebhookSender sender, List<String> contacts, int requestsPerSecond,
                                    Duration duration, AtomicLong accepted, Latencies latencies) throws Exception {
        long interval = (long) (1e9 / requestsPerSecond);
        long requests = duration.toNanos() / interval;
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong steady = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        long steadyFrom = start + duration.toNanos() / 4;
        long steadyTo = start + duration.toNanos() * 3 / 4;
        for (long i = 0; i < requests; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            (i % 2 == 0 ? sender.hubspotAsync("contact.propertyChange", pick(contacts, 1))
                    : sender.stripeAsync("nobody" + i + "@corp.example"))
                    .whenComplete((status, error) -> {
                        long now = System.nanoTime();
                        latencies.add(now - scheduled);
                        if (error == null && status / 100 == 2) {
                            accepted.incrementAndGet();
                            acknowledged.incrementAndGet();
                            if (now >= steadyFrom && now < steadyTo) {
                                steady.incrementAndGet();
                            }
                        } else {
                            failures.incrementAndGet();
                        }
                        done.incrementAndGet();
                    });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (done.get() < requests && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        double steadyRate = steady.get() / (duration.toNanos() / 2 / 1e9);
        return new OpenLoop(requests, acknowledged.get(), steadyRate, failures.get() + (requests - done.get()));
    }

    // ---- 1b. burst then drain: how long until everything acknowledged in a burst is processed ----

    /**
     * Two bursts on one connector, each 20 s of the closed loop (8 senders) and then a wait until the inbox holds
     * nothing new or claimed: first property changes no mapping reads (no CRM call), then nps_score changes
     * (read by the enrolment rule: one HubSpot batch read per claimed batch). A short burst before them warms up.
     */
    private void drain(Function<Path, BenchDatabase> database, String name) throws Exception {
        Path dir = deployment(name + "-drain");
        BenchDatabase db = database.apply(dir);
        try (FakeHubSpot hubspot = new FakeHubSpot(TOKEN).start();
             FakeTremendous tremendous = new FakeTremendous(TREMENDOUS_KEY).start()) {
            hubspot.setRateLimitPer10s(RATE_LIMIT_PER_10S);
            List<String> contacts = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                contacts.add(hubspot.createContact(Map.of("email", "customer" + i + "@corp" + (i % 300) + ".example",
                        "firstname", "Customer", "nps_score", "7")));
            }
            try (ConnectorProcess connector = start(dir, db, hubspot, tremendous)) {
                report.startup(connector);
                WebhookSender sender = sender(connector);
                AtomicLong accepted = new AtomicLong();
                closedLoop(sender, contacts, UNREAD_PROPERTY, 8, seconds(5), accepted, new Latencies(), new AtomicLong());
                closedLoop(sender, contacts, "nps_score", 8, seconds(5), accepted, new Latencies(), new AtomicLong());
                assertThat(awaitInboxDrained(connector, Duration.ofMinutes(10))).as("warm-up events left").isZero();
                report.drainHeader();
                burstThenDrain(connector, sender, contacts, UNREAD_PROPERTY,
                        "%s changes (read by no mapping: no CRM call)".formatted(UNREAD_PROPERTY), accepted);
                burstThenDrain(connector, sender, contacts, "nps_score",
                        "nps_score changes (read by the enrolment rule: one HubSpot read per claimed batch)", accepted);
                report.line("");
                report.rss(connector, "drain");
                connector.kill();
                long stored = db.count("SELECT COUNT(*) FROM inbox_event");
                assertThat(stored).as("every acknowledged event is in the inbox").isGreaterThanOrEqualTo(accepted.get());
                assertThat(db.count("SELECT COUNT(*) FROM inbox_event WHERE status IN ('NEW', 'CLAIMED')"))
                        .as("events not processed").isZero();
                report.line("Acknowledged events, warm-up included: %,d; rows in the inbox after a SIGKILL: %,d, "
                        + "none new or claimed.", accepted.get(), stored);
                report.line("");
            }
        }
    }

    private void burstThenDrain(ConnectorProcess connector, WebhookSender sender, List<String> contacts,
                                String property, String mix, AtomicLong acceptedInAll) throws Exception {
        AtomicLong events = new AtomicLong();
        CpuWindow cpu = CpuWindow.open(connector);
        long firstDelivery = System.nanoTime();
        long failures = closedLoop(sender, contacts, property, 8, seconds(20), acceptedInAll, new Latencies(), events);
        long lastAcknowledged = System.nanoTime();
        CpuWindow drainCpu = CpuWindow.open(connector);
        long leftAtStop = inboxWaiting(connector);
        long waiting = awaitInboxDrained(connector, Duration.ofMinutes(10));
        long drained = System.nanoTime();
        drainCpu.close();
        cpu.close();
        assertThat(waiting).as("events of the burst still waiting after 10 minutes").isZero();
        report.drain(mix, !property.equals("nps_score"), events.get(), failures, (lastAcknowledged - firstDelivery) / 1e9,
                (drained - firstDelivery) / 1e9, leftAtStop, (drained - lastAcknowledged) / 1e9, cpu, drainCpu);
    }

    private static long inboxWaiting(ConnectorProcess connector) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(connector.baseUrl() + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + ADMIN).build();
        String metrics = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
        return inboxEvents(metrics, "NEW") + inboxEvents(metrics, "CLAIMED");
    }

    /** Waits until the connector's inbox holds no new or claimed event (its gauges); returns how many still wait. */
    private static long awaitInboxDrained(ConnectorProcess connector, Duration atMost) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(connector.baseUrl() + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + ADMIN).build();
        long deadline = System.nanoTime() + atMost.toNanos();
        long waiting;
        do {
            Thread.sleep(250);
            String metrics = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).as("the inbox gauges at /actuator/prometheus").contains("referloop_inbox_events{");
            waiting = inboxEvents(metrics, "NEW") + inboxEvents(metrics, "CLAIMED");
        } while (waiting > 0 && System.nanoTime() < deadline);
        return waiting;
    }

    private static long inboxEvents(String metrics, String status) {
        return metrics.lines()
                .filter(line -> line.startsWith("referloop_inbox_events{") && line.contains("status=\"" + status + "\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Each of {@code threads} senders waits for its answer before sending again; every 10th request is Stripe. */
    private long closedLoop(WebhookSender sender, List<String> contacts, String property, int threads, Duration duration,
                            AtomicLong accepted, Latencies latencies, AtomicLong events) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong failures = new AtomicLong();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(pool.submit(() -> {
                int k = 0;
                while (System.nanoTime() < end) {
                    boolean stripe = k++ % 10 == 9;
                    long started = System.nanoTime();
                    int status = stripe ? sender.stripe("nobody" + k + "@corp.example")
                            : sender.hubspot("contact.propertyChange", pick(contacts, HUBSPOT_BATCH), property);
                    latencies.add(System.nanoTime() - started);
                    if (status / 100 == 2) {
                        int n = stripe ? 1 : HUBSPOT_BATCH;
                        accepted.addAndGet(n);
                        events.addAndGet(n);
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

    /**
     * Requests leave on a fixed schedule whatever the answers do (19 requests per 100 events: 9 HubSpot
     * batches of 10 and 10 Stripe events), and latency counts from the scheduled moment, so a stall is not hidden.
     */
    private long openLoop(WebhookSender sender, List<String> contacts, Duration duration, AtomicLong accepted,
                          Latencies latencies, AtomicLong events) throws Exception {
        double requestsPerSecond = OPEN_LOOP_EVENTS_PER_SECOND * 19 / 100.0;
        long interval = (long) (1e9 / requestsPerSecond);
        long requests = (long) (duration.toNanos() / interval);
        AtomicLong failures = new AtomicLong();
        AtomicLong done = new AtomicLong();
        offered.set(0);
        steadyEvents.set(0);
        long start = System.nanoTime();
        // the middle half of the schedule: what the connector acknowledges per second there is what it
        // sustains, free of the start (empty queues) and of the tail (answers still arriving after the last send)
        long steadyFrom = start + duration.toNanos() / 4;
        long steadyTo = start + duration.toNanos() * 3 / 4;
        for (long i = 0; i < requests; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            boolean stripe = i % 19 >= 9;
            int n = stripe ? 1 : HUBSPOT_BATCH;
            offered.addAndGet(n);
            (stripe ? sender.stripeAsync("nobody" + i + "@corp.example")
                    : sender.hubspotAsync("contact.propertyChange", pick(contacts, HUBSPOT_BATCH)))
                    .whenComplete((status, error) -> {
                        long now = System.nanoTime();
                        latencies.add(now - scheduled);
                        if (error == null && status / 100 == 2) {
                            accepted.addAndGet(n);
                            events.addAndGet(n);
                            if (now >= steadyFrom && now < steadyTo) {
                                steadyEvents.addAndGet(n);
                            }
                        } else {
                            failures.incrementAndGet();
                        }
                        done.incrementAndGet();
                    });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (done.get() < requests && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return failures.get() + (requests - done.get());
    }

    // ---- 2. webhook to CRM write at 100 events/s, with 1 thousand or 1 million advocates ----

    private void endToEnd(Function<Path, BenchDatabase> database, String name, int advocates) throws Exception {
        Path dir = deployment(name + "-e2e-" + advocates);
        BenchDatabase db = database.apply(dir);
        int total = (int) (E2E_EVENTS_PER_SECOND * seconds(60).toSeconds());
        try (FakeHubSpot hubspot = new FakeHubSpot(TOKEN).start();
             FakeTremendous tremendous = new FakeTremendous(TREMENDOUS_KEY).start()) {
            hubspot.setRateLimitPer10s(RATE_LIMIT_PER_10S);
            Map<String, String> promoterContacts = new LinkedHashMap<>();
            for (String code : BenchDatabase.codes(ACTIVE_ADVOCATES)) {
                promoterContacts.put(code, hubspot.createContact(Map.of("email", "promoter-" + code + "@promoters.example",
                        "firstname", "Promoter", "nps_score", "10", "referral_code", code)));
            }
            List<String> friends = new ArrayList<>();
            List<String> friendEmails = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                String email = "friend" + i + "@company" + (i % 2_000) + ".example";
                friendEmails.add(email);
                friends.add(hubspot.createContact(Map.of("email", email, "firstname", "Friend", "lastname", "No" + i,
                        "referral_code", "P" + (i % ACTIVE_ADVOCATES))));
            }
            long seeding = System.nanoTime();
            db.migrate();
            db.seedAdvocates(advocates, promoterContacts);
            Duration seeded = Duration.ofNanos(System.nanoTime() - seeding);

            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            Latencies e2e = new Latencies();
            hubspot.onBatchUpdate((type, ids) -> {
                long now = System.nanoTime();
                for (String id : ids) {
                    Long sent = sentAt.remove(id);
                    if (sent != null) {
                        e2e.add(now - sent);
                    }
                }
            });
            try (ConnectorProcess connector = start(dir, db, hubspot, tremendous)) {
                report.startup(connector);
                WebhookSender sender = sender(connector);
                warmUp(hubspot, sender);
                // what the connector costs with nothing to do: timers polling the inbox and the outbox
                CpuWindow idle = CpuWindow.open(connector);
                Thread.sleep(seconds(10).toMillis());
                idle.close();
                Latencies acks = new Latencies();
                AtomicLong failures = new AtomicLong();
                AtomicLong pendingAcks = new AtomicLong();
                long interval = 1_000_000_000L / E2E_EVENTS_PER_SECOND;
                int hubspotEvents = 0;
                CpuWindow cpu = CpuWindow.open(connector);
                long start = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    long scheduled = start + i * interval;
                    long wait = scheduled - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    pendingAcks.incrementAndGet();
                    boolean stripe = i % 10 == 9 && i > 301;
                    if (!stripe) {
                        sentAt.put(friends.get(i), scheduled);
                        hubspotEvents++;
                    }
                    (stripe ? sender.stripeAsync(friendEmails.get(i - 301))
                            : sender.hubspotAsync("contact.creation", List.of(friends.get(i))))
                            .whenComplete((status, error) -> {
                                acks.add(System.nanoTime() - scheduled);
                                if (error != null || status / 100 != 2) {
                                    failures.incrementAndGet();
                                }
                                pendingAcks.decrementAndGet();
                            });
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while ((!sentAt.isEmpty() || pendingAcks.get() > 0) && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                cpu.close();
                assertThat(failures.get()).as("webhooks refused").isZero();
                assertThat(sentAt.size()).as("contacts whose attribution never reached HubSpot").isZero();
                // rewards of the converted referrals are still being ordered; give them a moment for the report
                Thread.sleep(3_000);
                report.endToEnd(advocates, seeded, total, hubspotEvents, acks, e2e, cpu, idle, hubspot, tremendous.orderCount());
                report.rss(connector, "end-to-end, " + advocates + " advocates");
                connector.kill();
            }
        }
    }

    /**
     * A portal where Referloop already runs: its properties exist, so contacts can carry a referral_code.
     * One promoter's enrolment makes the connector create them; it also warms the connector up.
     */
    private static void warmUp(FakeHubSpot hubspot, WebhookSender sender) throws Exception {
        String promoter = hubspot.createContact(Map.of("email", "first-promoter@promoters.example", "nps_score", "10"));
        assertThat(sender.hubspot("contact.creation", List.of(promoter))).isEqualTo(204);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (hubspot.contact(promoter).get("referral_code") == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(hubspot.contact(promoter).get("referral_code")).as("the warm-up promoter's code").isNotNull();
    }

    // ---- 3. a 10,000-update write-back backlog under the 190 per 10 s quota ----

    private void backlog(Function<Path, BenchDatabase> database, String name) throws Exception {
        Path dir = deployment(name + "-backlog");
        BenchDatabase db = database.apply(dir);
        try (FakeHubSpot hubspot = new FakeHubSpot(TOKEN).start();
             FakeTremendous tremendous = new FakeTremendous(TREMENDOUS_KEY).start()) {
            hubspot.setRateLimitPer10s(RATE_LIMIT_PER_10S);
            List<String> contacts = new ArrayList<>();
            for (int i = 0; i < BACKLOG; i++) {
                contacts.add(hubspot.createContact(Map.of("email", "referred" + i + "@corp" + (i % 500) + ".example")));
            }
            db.migrate();
            db.seedCrmWrites(contacts, "{\"referral_status\":\"attributed\",\"referred_by_email\":\"promoter@promoters.example\"}");
            List<long[]> calls = new CopyOnWriteArrayList<>();
            AtomicLong written = new AtomicLong();
            hubspot.onBatchUpdate((type, ids) -> {
                calls.add(new long[] {System.nanoTime(), ids.size()});
                written.addAndGet(ids.size());
            });
            try (ConnectorProcess connector = start(dir, db, hubspot, tremendous)) {
                report.startup(connector);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
                while (written.get() < BACKLOG && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(written.get()).as("records of the backlog written to HubSpot").isEqualTo(BACKLOG);
                Thread.sleep(1_000);
                report.backlog(calls, hubspot);
                report.rss(connector, "backlog");
                connector.kill();
                assertThat(db.count("SELECT COUNT(*) FROM crm_write WHERE status = 'SENT'"))
                        .as("outbox rows marked SENT").isEqualTo(BACKLOG);
            }
        }
    }

    // ---- 4. start-up: the test classpath, the packaged jar, the packaged jar with Class Data Sharing ----

    private void startup(Function<Path, BenchDatabase> database, String name) throws Exception {
        String unusable = PackagedJar.unusable();
        if (unusable != null) {
            report.line("## Start-up by launch\n\nSkipped: %s.\n", unusable);
            return;
        }
        Map<String, List<ConnectorProcess>> starts = new LinkedHashMap<>();
        try (FakeHubSpot hubspot = new FakeHubSpot(TOKEN).start();
             FakeTremendous tremendous = new FakeTremendous(TREMENDOUS_KEY).start()) {
            // in turn, so that the machine's load at one moment falls on every launch alike
            for (int i = 0; i < STARTS_PER_LAUNCH; i++) {
                for (String launch : List.of("classpath", "jar", "cds")) {
                    Path dir = deployment(name + "-startup-" + launch + "-" + i);
                    try (ConnectorProcess connector = start(dir, database.apply(dir), hubspot, tremendous, launch)) {
                        starts.computeIfAbsent(launch, l -> new ArrayList<>()).add(connector);
                    }
                }
            }
        }
        report.startupByLaunch(starts);
    }

    // ---- 4. a burst of 10,000 referred sign-ups, alone and right after a burst of property changes ----

    /**
     * {@value #SIGNUP_ADVOCATES} advocates (seeded by SQL, linked to fake contacts) and 2 × 10,000 friend contacts
     * in the fake, each carrying an advocate's code. Twice on one connector: 100 signed {@code contact.creation}
     * webhooks of 100 events sent at once, timed from the first delivery until every friend's attribution was
     * accepted by the fake; the second time right after {@value #BURST_BEFORE_SIGNUPS} {@code contact.propertyChange}
     * events of the first friends.
     */
    private void signups(Function<Path, BenchDatabase> database, String name) throws Exception {
        Path dir = deployment(name + "-signups");
        BenchDatabase db = database.apply(dir);
        try (FakeHubSpot hubspot = new FakeHubSpot(TOKEN).start();
             FakeTremendous tremendous = new FakeTremendous(TREMENDOUS_KEY).start()) {
            hubspot.setRateLimitPer10s(RATE_LIMIT_PER_10S);
            Map<String, String> promoterContacts = new LinkedHashMap<>();
            for (String code : BenchDatabase.codes(SIGNUP_ADVOCATES)) {
                promoterContacts.put(code, hubspot.createContact(Map.of("email", "promoter-" + code + "@promoters.example",
                        "firstname", "Promoter", "nps_score", "10", "referral_code", code)));
            }
            List<List<String>> runs = new ArrayList<>();
            for (int run = 0; run < 2; run++) {
                List<String> friends = new ArrayList<>();
                for (int i = 0; i < SIGNUPS; i++) {
                    friends.add(hubspot.createContact(Map.of("email", "signup" + run + "-" + i + "@firm" + run + "-" + i + ".example",
                            "firstname", "Friend", "lastname", "No" + i, "referral_code", "P" + (i % SIGNUP_ADVOCATES))));
                }
                runs.add(friends);
            }
            db.migrate();
            db.seedAdvocates(SIGNUP_ADVOCATES, promoterContacts);
            Set<String> waiting = ConcurrentHashMap.newKeySet();
            hubspot.onBatchUpdate((type, ids) -> ids.forEach(waiting::remove));
            try (ConnectorProcess connector = start(dir, db, hubspot, tremendous)) {
                report.startup(connector);
                WebhookSender sender = sender(connector);
                warmUp(hubspot, sender);
                report.signupsHeader(SIGNUPS, SIGNUPS_PER_WEBHOOK, SIGNUP_ADVOCATES);
                signupBurst(sender, hubspot, runs.get(0), waiting, null);
                Thread.sleep(2_000);
                // a burst of changes to contacts Referloop already knows: each one needs a read, none a write
                List<String> changed = runs.get(0).subList(0, BURST_BEFORE_SIGNUPS);
                List<CompletableFuture<Integer>> before = new ArrayList<>();
                for (int from = 0; from < changed.size(); from += SIGNUPS_PER_WEBHOOK) {
                    before.add(sender.hubspotAsync("contact.propertyChange",
                            changed.subList(from, Math.min(changed.size(), from + SIGNUPS_PER_WEBHOOK))));
                }
                for (CompletableFuture<Integer> f : before) {
                    // one not answered in time is not sent again: the sign-ups follow at once, as they would
                    status(f);
                }
                signupBurst(sender, hubspot, runs.get(1), waiting,
                        "right after %,d contact.propertyChange events".formatted(BURST_BEFORE_SIGNUPS));
                report.rss(connector, "sign-up bursts");
                connector.kill();
            }
        }
    }

    private void signupBurst(WebhookSender sender, FakeHubSpot hubspot, List<String> friends, Set<String> waiting,
                             String after) throws Exception {
        int reads = hubspot.batchReadSizes().size();
        int updates = hubspot.batchUpdateSizes().size();
        int limited = hubspot.rateLimitedCount();
        waiting.addAll(friends);
        long first = System.nanoTime();
        List<CompletableFuture<Integer>> deliveries = new ArrayList<>();
        for (int from = 0; from < friends.size(); from += SIGNUPS_PER_WEBHOOK) {
            deliveries.add(sender.hubspotAsync("contact.creation", friends.subList(from, from + SIGNUPS_PER_WEBHOOK)));
        }
        int redelivered = 0;
        for (int i = 0; i < deliveries.size(); i++) {
            // as HubSpot does, a delivery that failed or timed out (30 s) is sent again; the inbox keeps one of each
            int status = status(deliveries.get(i));
            for (int attempt = 0; status != 204 && attempt < 3; attempt++) {
                redelivered++;
                int from = i * SIGNUPS_PER_WEBHOOK;
                status = status(sender.hubspotAsync("contact.creation", friends.subList(from, from + SIGNUPS_PER_WEBHOOK)));
            }
            assertThat(status).as("a sign-up webhook's status").isEqualTo(204);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long done = System.nanoTime();
        assertThat(waiting).as("friends whose attribution never reached HubSpot").isEmpty();
        List<Integer> readSizes = hubspot.batchReadSizes();
        List<Integer> updateSizes = hubspot.batchUpdateSizes();
        report.signups(after, redelivered, (done - first) / 1e9, readSizes.subList(reads, readSizes.size()),
                updateSizes.subList(updates, updateSizes.size()), hubspot.rateLimitedCount() - limited,
                friends.size(), SIGNUP_ADVOCATES);
    }

    private static int status(CompletableFuture<Integer> delivery) throws InterruptedException {
        try {
            return delivery.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return 0;
        }
    }

    // ---- plumbing ----

    private Path deployment(String name) throws Exception {
        Path dir = root.resolve(name);
        Files.createDirectories(dir);
        Deployment.copyRoutesAndMappings(dir);
        return dir;
    }

    ConnectorProcess start(Path dir, BenchDatabase db, FakeHubSpot hubspot, FakeTremendous tremendous)
            throws Exception {
        return start(dir, db, hubspot, tremendous, LAUNCH);
    }

    private ConnectorProcess start(Path dir, BenchDatabase db, FakeHubSpot hubspot, FakeTremendous tremendous,
                                   String launch) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(
                "--referloop.hubspot.base-url=" + hubspot.baseUrl(),
                "--referloop.hubspot.access-token=" + TOKEN,
                "--referloop.hubspot.client-secret=" + SECRET,
                "--referloop.hubspot.rate-limit-per-10s=" + RATE_LIMIT_PER_10S,
                "--referloop.public-base-url=" + PUBLIC_BASE,
                "--referloop.stripe.webhook-secret=" + WHSEC,
                "--referloop.tremendous.base-url=" + tremendous.baseUrl(),
                "--referloop.tremendous.api-key=" + TREMENDOUS_KEY,
                "--referloop.tremendous.product-ids=OKMHM2X2OHYV",
                "--referloop.admin.token=" + ADMIN));
        arguments.addAll(db.connectorArguments());
        List<String> jvm = new ArrayList<>(List.of("-Xmx256m"));
        String extra = System.getProperty("bench.connector-jvm-options", "").trim();
        if (!extra.isEmpty()) {
            jvm.addAll(List.of(extra.split("\\s+")));
        }
        if (launch.equals("classpath")) {
            return ConnectorProcess.start(dir, dir.resolve("connector.log"), arguments, jvm, Duration.ofMinutes(3));
        }
        if (packaged == null) {
            String unusable = PackagedJar.unusable();
            if (unusable != null) {
                throw new IllegalStateException("bench.launch=" + launch + ": " + unusable);
            }
            packaged = PackagedJar.prepare(root.resolve("packaged"), dir);
        }
        if (launch.equals("cds")) {
            jvm.add("-XX:SharedArchiveFile=" + packaged.archive());
        } else if (!launch.equals("jar")) {
            throw new IllegalArgumentException("bench.launch: classpath, jar or cds, not " + launch);
        }
        return ConnectorProcess.startJar(packaged.jar(), dir, dir.resolve("connector.log"), arguments, jvm,
                Duration.ofMinutes(3));
    }

    static WebhookSender sender(ConnectorProcess connector) {
        return new WebhookSender(connector.baseUrl(), PUBLIC_BASE, SECRET, WHSEC);
    }

    static List<String> pick(List<String> from, int n) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String> picked = new ArrayList<>(n);
        while (picked.size() < n) {
            String id = from.get(random.nextInt(from.size()));
            if (!picked.contains(id)) {
                picked.add(id);
            }
        }
        return picked;
    }

    static Duration seconds(long full) {
        return Duration.ofMillis(Math.max(1_000, (long) (full * 1000 * SCALE)));
    }
}
