package io.referloop.bench;

import io.referloop.demo.FakeHubSpot;
import io.referloop.support.ConnectorProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of one benchmark run, as Markdown, each beside its target. */
final class Report {

    /** HubSpot's quota for a Professional/Enterprise private app: 190 requests per rolling 10 s. */
    private static final double QUOTA_INTERVAL_SECONDS = 10.0 / LoadBenchmark.RATE_LIMIT_PER_10S;

    private final StringBuilder text = new StringBuilder();
    private final List<Double> startups = new ArrayList<>();
    private final List<String> verdicts = new ArrayList<>();
    private long peakRssKib;
    private double cpuPerEvent1k = Double.NaN;
    private double cpuPerEvent1m = Double.NaN;
    private double e2eP99At1k = Double.NaN;
    private double e2eP99At1m = Double.NaN;

    void header(String database) {
        line("# Load benchmark: %s", database);
        line("");
        line("- run: %s, scale %.2f (1 = the durations in LoadBenchmark)", Instant.now(), LoadBenchmark.SCALE);
        line("- machine: %s, %d cores, %s RAM, Linux %s, Java %s", cpuModel(), Runtime.getRuntime().availableProcessors(),
                memTotal(), System.getProperty("os.version"), System.getProperty("java.version"));
        line("- connector: its own JVM (%s%s), loopback HTTP, shipped routes/ and mappings/, logging as shipped",
                String.join(" ", ConnectorLauncher.DEPLOYED_JVM_OPTIONS),
                System.getProperty("bench.connector-jvm-options", "").isBlank() ? ""
                        : " " + System.getProperty("bench.connector-jvm-options").trim());
        line("- fakes: WireMock HubSpot at %d requests per rolling 10 s (connector set to the same) and Tremendous, "
                + "in the load generator's JVM", LoadBenchmark.RATE_LIMIT_PER_10S);
        line("- the machine is shared with other builds: whole-machine CPU below shows how busy it was");
        line("");
    }

    void startup(ConnectorProcess connector) {
        startups.add(connector.startupTime().toMillis() / 1000.0);
    }

    void closedLoop(long events, Latencies latencies, CpuWindow cpu, long failures) {
        line("## Webhook acceptance, closed loop (8 senders, each waits for its answer)");
        line("");
        line("Requests: 9 HubSpot batches of %d events for every 10, 1 Stripe event for every 10.", LoadBenchmark.HUBSPOT_BATCH);
        line("");
        line("| figure | value |");
        line("| --- | --- |");
        line("| accepted events/s (ceiling) | %,.0f |", events / cpu.seconds());
        line("| requests/s | %,.0f |", latencies.count() / cpu.seconds());
        line("| acknowledgement p50 / p99 / p99.9 | %s |", percentiles(latencies));
        line("| refused or failed requests | %d |", failures);
        line("| CPU | %s |", cpu.describe());
        line("");
    }

    void openLoop(long offered, long events, double steadyRate, Latencies latencies, CpuWindow cpu, long failures) {
        double rate = events / cpu.seconds();
        double p99 = latencies.percentileMillis(99);
        line("## Webhook acceptance, open loop at %,d events/s offered", LoadBenchmark.OPEN_LOOP_EVENTS_PER_SECOND);
        line("");
        line("Requests leave on schedule (570/s: 270 HubSpot batches of 10 events, 300 Stripe events); latency "
                + "counts from the scheduled moment.");
        line("");
        line("| figure | value |");
        line("| --- | --- |");
        line("| events offered / acknowledged | %,d / %,d |", offered, events);
        line("| acknowledged events/s, middle half of the run (sustained) | %,.0f |", steadyRate);
        line("| acknowledged events/s, first send to last acknowledgement | %,.0f |", rate);
        line("| acknowledgement p50 / p99 / p99.9 / max | %s / %.1f ms |", percentiles(latencies), latencies.maxMillis());
        line("| refused, failed or unanswered requests | %d |", failures);
        line("| CPU | %s |", cpu.describe());
        line("");
        // met when the connector keeps up: everything offered acknowledged, at the offered rate in the middle
        // of the run (2 % allowed for the granularity of batches of 10)
        verdict("≥ 3,000 signed events/s accepted durably on this database",
                "%,.0f events/s sustained; %,d of %,d offered acknowledged".formatted(steadyRate, events, offered),
                events == offered && failures == 0 && steadyRate >= 0.98 * LoadBenchmark.OPEN_LOOP_EVENTS_PER_SECOND);
        verdict("p99 acknowledgement ≤ 50 ms at that rate", "%.1f ms".formatted(p99), p99 <= 50);
    }

    void singleClosedLoop(int senders, Latencies latencies, CpuWindow cpu, long failures) {
        line("## Single-event acceptance, closed loop (%d senders, each waits for its answer)", senders);
        line("");
        line("Requests of one event each, in turn: a HubSpot array of one contact.propertyChange, a Stripe invoice.paid.");
        line("");
        line("| figure | value |");
        line("| --- | --- |");
        line("| requests/s (ceiling) | %,.0f |", latencies.count() / cpu.seconds());
        line("| acknowledgement p50 / p99 / p99.9 | %s |", percentiles(latencies));
        line("| connector CPU per request (with the inbox drain running beside) | %.3f ms |",
                cpu.connectorCpuNanos() / 1e6 / Math.max(1, latencies.count()));
        line("| refused or failed requests | %d |", failures);
        line("| CPU | %s |", cpu.describe());
        line("");
    }

    void singleOpenLoop(String what, int rate, long offered, long acknowledged, double steadyRate, Latencies latencies,
                        CpuWindow cpu, long failures, boolean target) {
        double p99 = latencies.percentileMillis(99);
        line("## Single-event acceptance, open loop at %s (%,d requests/s offered)", what, rate);
        line("");
        line("| figure | value |");
        line("| --- | --- |");
        line("| requests offered / acknowledged | %,d / %,d |", offered, acknowledged);
        line("| acknowledged requests/s, middle half of the run (sustained) | %,.0f |", steadyRate);
        line("| acknowledgement p50 / p99 / p99.9 / max | %s / %.1f ms |", percentiles(latencies), latencies.maxMillis());
        line("| connector CPU per request (with the inbox drain running beside) | %.3f ms |",
                cpu.connectorCpuNanos() / 1e6 / Math.max(1, acknowledged));
        line("| refused, failed or unanswered requests | %d |", failures);
        line("| CPU | %s |", cpu.describe());
        line("");
        if (target) {
            verdict("≥ 3,000 single-event requests/s accepted durably",
                    "%,.0f requests/s sustained; %,d of %,d acknowledged".formatted(steadyRate, acknowledged, offered),
                    acknowledged == offered && failures == 0
                            && steadyRate >= 0.98 * LoadBenchmark.SINGLE_REQUESTS_PER_SECOND);
            verdict("single-event p99 at 3,000 requests/s (reported)", "%.1f ms".formatted(p99), p99 <= 50);
        } else {
            verdict("single-event p99 ≤ 50 ms at 80 % of the closed-loop ceiling", "%.1f ms at %,d requests/s"
                    .formatted(p99, rate), p99 <= 50);
        }
    }

    void drainHeader() {
        line("## Burst then drain");
        line("");
        line("Per mix: 20 s of the closed loop (8 senders; 9 HubSpot batches of %d contact.propertyChange events "
                + "for every Stripe invoice.paid of a customer nobody referred), then the wait until the inbox holds "
                + "nothing new or claimed. End to end runs from the first delivery until all are processed; the drain "
                + "rate after acceptance is what was still waiting when the senders stopped over the time it took.",
                LoadBenchmark.HUBSPOT_BATCH);
        line("");
        line("| mix | events acknowledged | acceptance | first delivery to all processed | events/s end to end "
                + "| waiting at the end of acceptance | drain rate after acceptance | connector CPU per event, "
                + "burst and drain | connector CPU per event drained after acceptance | CPU, burst and drain |");
        line("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    }

    void drain(String mix, boolean noCrmCall, long events, long failures, double acceptance, double endToEnd,
               long leftAtStop, double afterStop, CpuWindow cpu, CpuWindow drainCpu) {
        if (noCrmCall) {
            verdict("events that need no CRM call processed at ≥ 3,000 events/s end to end (burst then drain)",
                    "%,.0f events/s".formatted(events / endToEnd), events / endToEnd >= 3_000);
        }
        line("| %s | %,d%s | %.1f s (%,.0f events/s) | %.1f s | **%,.0f** | %,d | %s | %.3f ms | %s | %s |", mix, events,
                failures > 0 ? " (" + failures + " requests refused or failed)" : "", acceptance, events / acceptance,
                endToEnd, events / endToEnd, leftAtStop,
                leftAtStop == 0 ? "nothing left" : "%,.0f events/s over %.1f s".formatted(leftAtStop / afterStop, afterStop),
                cpu.connectorCpuNanos() / 1e6 / events,
                leftAtStop == 0 ? "-" : "%.3f ms".formatted(drainCpu.connectorCpuNanos() / 1e6 / leftAtStop),
                cpu.describe());
    }

    void endToEnd(int advocates, Duration seeded, int events, int hubspotEvents, Latencies acks, Latencies e2e,
                  Latencies toRead, Latencies readToWrite, CpuWindow cpu, CpuWindow idle, FakeHubSpot hubspot, int rewards,
                  Timeline timeline) {
        List<Integer> sizes = hubspot.batchUpdateSizes();
        double perCall = sizes.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN);
        double idleNanosPerSecond = idle.connectorCpuNanos() / idle.seconds();
        double cpuPerEvent = (cpu.connectorCpuNanos() - idleNanosPerSecond * cpu.seconds()) / 1e6 / events;
        line("## Webhook to CRM write at %d events/s, %,d advocates", LoadBenchmark.E2E_EVENTS_PER_SECOND, advocates);
        line("");
        line("%,d events: %,d HubSpot contact.creation (a friend with an advocate's code: attribution, "
                + "two contact writes) and %,d Stripe invoice.paid (the friend's first payment: conversion, "
                + "gift card, three writes). %,d advocates seeded by SQL in %.1f s.",
                events, hubspotEvents, events - hubspotEvents, advocates, seeded.toMillis() / 1000.0);
        line("");
        line("| figure | value |");
        line("| --- | --- |");
        line("| acknowledgement p50 / p99 / p99.9 | %s |", percentiles(acks));
        line("| webhook to HubSpot batch update of the friend, p50 / p99 / max | %.0f ms / %.0f ms / %.0f ms |",
                e2e.percentileMillis(50), e2e.percentileMillis(99), e2e.maxMillis());
        line("| of it: webhook to the batch read of the friend (inbox, drain), p50 / p99 / max | %.0f ms / %.0f ms / %.0f ms |",
                toRead.percentileMillis(50), toRead.percentileMillis(99), toRead.maxMillis());
        line("| of it: batch read to batch update (decision, write-back), p50 / p99 / max | %.0f ms / %.0f ms / %.0f ms |",
                readToWrite.percentileMillis(50), readToWrite.percentileMillis(99), readToWrite.maxMillis());
        line("| connector CPU per event, beyond its idle cost | %.2f ms |", cpuPerEvent);
        line("| connector CPU when idle (timers polling inbox and outbox) | %.0f ms per second |", idleNanosPerSecond / 1e6);
        line("| HubSpot batch updates / records per call (mean) | %d / %.1f |", sizes.size(), perCall);
        line("| HubSpot 429s | %d |", hubspot.rateLimitedCount());
        line("| slowest seconds of the run, webhook to batch update (by the second the webhook was due) | %s |",
                timeline.slowestSeconds(5));
        line("| gift cards ordered at the fake Tremendous | %d |", rewards);
        line("| CPU | %s |", cpu.describe());
        line("");
        if (advocates <= LoadBenchmark.ACTIVE_ADVOCATES) {
            cpuPerEvent1k = cpuPerEvent;
            e2eP99At1k = e2e.percentileMillis(99);
            verdict("webhook to CRM write p50 ≤ 500 ms at 100 events/s", "%.0f ms".formatted(e2e.percentileMillis(50)),
                    e2e.percentileMillis(50) <= 500);
            verdict("webhook to CRM write p99 ≤ 2 s at 100 events/s", "%.0f ms".formatted(e2e.percentileMillis(99)),
                    e2e.percentileMillis(99) <= 2000);
        } else {
            cpuPerEvent1m = cpuPerEvent;
            e2eP99At1m = e2e.percentileMillis(99);
        }
    }

    void backlog(List<long[]> calls, FakeHubSpot hubspot) {
        int records = calls.stream().mapToInt(c -> (int) c[1]).sum();
        long first = calls.get(0)[0];
        long last = calls.get(calls.size() - 1)[0];
        // the calls' span plus the one quota interval the last call occupies: a sender exactly at the
        // quota then takes n / 19 s for n calls, i.e. records / 1,900 per second
        double drain = (last - first) / 1e9 + QUOTA_INTERVAL_SECONDS;
        int minCalls = (records + 99) / 100;
        double minimum = minCalls * QUOTA_INTERVAL_SECONDS;
        double perCall = (double) records / calls.size();
        int smallest = calls.stream().mapToInt(c -> (int) c[1]).min().orElse(0);
        line("## Write-back backlog of %,d contact updates", records);
        line("");
        line("The outbox held %,d due writes (seeded by SQL, as after a HubSpot outage) when the connector started.",
                records);
        line("");
        line("| figure | value |");
        line("| --- | --- |");
        line("| batch update calls | %d (minimum %d) |", calls.size(), minCalls);
        line("| records per call: mean / smallest | %.1f / %d |", perCall, smallest);
        line("| drain time (first call to last, plus one quota interval) | %.3f s |", drain);
        line("| quota-limited minimum (%d calls x 10 s / %d) | %.3f s |", minCalls, LoadBenchmark.RATE_LIMIT_PER_10S, minimum);
        line("| ratio | %.3f |", drain / minimum);
        line("| HubSpot 429s | %d |", hubspot.rateLimitedCount());
        line("| all HubSpot requests (with property checks) | %d |", hubspot.requestCount());
        line("");
        verdict("10,000-update backlog drains within 1.05 x the quota-limited minimum",
                "%.3f s = %.3f x %.3f s".formatted(drain, drain / minimum, minimum), drain <= 1.05 * minimum);
        verdict("zero 429s while draining", Integer.toString(hubspot.rateLimitedCount()), hubspot.rateLimitedCount() == 0);
        verdict("≥ 95 records per call", "%.1f".formatted(perCall), perCall >= 95);
    }

    void startupByLaunch(java.util.Map<String, List<ConnectorProcess>> starts) {
        line("## Start-up by launch");
        line("");
        line("Launch of the JVM to the first healthy /actuator/health, and the CPU the JVM had used by then (less "
                + "sensitive to the machine's load). classpath: the test classpath (the other phases' default); jar: "
                + "the extracted target/referloop.jar, as deployed; cds: the same with -XX:SharedArchiveFile from one "
                + "training run (README, Class Data Sharing).");
        line("");
        line("| launch | starts | wall median / max | CPU to healthy, median |");
        line("| --- | --- | --- | --- |");
        starts.forEach((launch, connectors) -> {
            List<Double> wall = connectors.stream().map(c -> c.startupTime().toMillis() / 1000.0).sorted().toList();
            List<Double> cpu = connectors.stream().map(c -> c.startupCpuTime().toMillis() / 1000.0).sorted().toList();
            line("| %s | %d | %.1f s / %.1f s | %.1f s |", launch, wall.size(), wall.get(wall.size() / 2),
                    wall.get(wall.size() - 1), cpu.get(cpu.size() / 2));
            if (launch.equals("cds")) {
                verdict("start ≤ 10 s as deployed, with Class Data Sharing", "median %.1f s, max %.1f s"
                        .formatted(wall.get(wall.size() / 2), wall.get(wall.size() - 1)), wall.get(wall.size() - 1) <= 10);
            }
        });
        line("");
    }

    void signupsHeader(int friends, int perWebhook, int advocates) {
        line("## Burst of %,d referred sign-ups", friends);
        line("");
        line("%d advocates; %,d friend contacts in the fake, each carrying an advocate's code, sent as %d signed "
                + "contact.creation webhooks of %d events at once. Timed from the first delivery until every friend's "
                + "attribution was accepted by the fake. The quota-limited minimum: one batch read per 100 friends and "
                + "one batch update per 100 records written (the friends and each advocate's counter once), at 190 calls "
                + "per 10 s; right after another burst, also one read per 100 of its contacts still unread when the "
                + "sign-ups arrived (they came first).", advocates, friends, friends / perWebhook, perWebhook);
        line("");
        line("| run | time | reads / updates (minimum) | records per update: smallest (but the last) / median | 429s | minimum | ratio | first read / first update / last read / last update |");
        line("| --- | --- | --- | --- | --- | --- | --- | --- |");
    }

    void signups(String after, int redelivered, double seconds, List<Integer> reads, List<Integer> updates, int rateLimited,
                 int friends, int advocates, List<Long> readsAt, List<Long> updatesAt, int readsStillDue) {
        int minReads = (friends + 99) / 100 + readsStillDue;
        int minUpdates = (friends + advocates + 99) / 100;
        double minimum = (minReads + minUpdates) * QUOTA_INTERVAL_SECONDS;
        List<Integer> sorted = updates.stream().sorted().toList();
        int median = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
        int smallestButLast = updates.size() < 2 ? 0
                : updates.subList(0, updates.size() - 1).stream().mapToInt(Integer::intValue).min().orElse(0);
        String run = after == null ? "alone" : after;
        line("| %s%s | %.2f s | %d / %d (%d / %d) | %d / %d | %d | %.2f s | %.2f | %s |", run, redelivered == 0 ? ""
                : " (%d webhooks not answered within the sender's 30 s, sent again)".formatted(redelivered), seconds, reads.size(),
                updates.size(), minReads, minUpdates, smallestButLast, median, rateLimited, minimum, seconds / minimum,
                readsAt.isEmpty() || updatesAt.isEmpty() ? "-" : "%.2f / %.2f / %.2f / %.2f s".formatted(readsAt.get(0) / 1e9,
                        updatesAt.get(0) / 1e9, readsAt.get(readsAt.size() - 1) / 1e9, updatesAt.get(updatesAt.size() - 1) / 1e9));
        verdict("10,000 sign-ups " + run + " reach HubSpot within 1.1 x the quota-limited minimum",
                "%.2f s = %.2f x %.2f s".formatted(seconds, seconds / minimum, minimum), seconds <= 1.1 * minimum);
        verdict("sign-ups " + run + ": update calls full (≥ 95 records, all but the last)", "smallest %d, median %d"
                .formatted(smallestButLast, median), smallestButLast >= 95);
        verdict("sign-ups " + run + ": zero 429s", Integer.toString(rateLimited), rateLimited == 0);
    }

    void rss(ConnectorProcess connector, String phase) {
        long peak = connector.peakRssKib();
        peakRssKib = Math.max(peakRssKib, peak);
        line("Peak RSS of the connector after %s: %,d MiB.", phase, peak / 1024);
        line("");
    }

    void footer() {
        List<Double> sorted = startups.isEmpty() ? List.of(Double.NaN) : startups.stream().sorted().toList();
        double median = sorted.get(sorted.size() / 2);
        double max = sorted.get(sorted.size() - 1);
        line("## Start-up and memory");
        line("");
        line("- start-up, launch of the JVM to first healthy /actuator/health (%d starts): median %.1f s, max %.1f s",
                startups.size(), median, max);
        line("- peak RSS over all runs: %,d MiB", peakRssKib / 1024);
        line("");
        double ratio = cpuPerEvent1m / cpuPerEvent1k;
        if (!Double.isNaN(ratio)) {
            verdict("per-event cost at 1 M advocates ≤ 1.2 x the cost at 1 k (connector CPU per event)",
                    "%.2f ms vs %.2f ms = %.2f x".formatted(cpuPerEvent1m, cpuPerEvent1k, ratio), ratio <= 1.2);
            line("- webhook to CRM write p99: %.0f ms at 1 k advocates, %.0f ms at 1 M", e2eP99At1k, e2eP99At1m);
        }
        verdict("peak RSS ≤ 512 MB", "%,d MiB".formatted(peakRssKib / 1024), peakRssKib / 1024.0 <= 512);
        verdict("start ≤ 10 s", "median %.1f s, max %.1f s".formatted(median, max), max <= 10);
        line("");
        line("## Targets");
        line("");
        line("| target | measured | verdict |");
        line("| --- | --- | --- |");
        verdicts.forEach(v -> line("%s", v));
        line("");
    }

    String text() {
        return text.toString();
    }

    void line(String format, Object... args) {
        text.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private void verdict(String target, String measured, boolean met) {
        verdicts.add("| " + target + " | " + measured + " | " + (met ? "met" : "**missed**") + " |");
    }

    private static String percentiles(Latencies l) {
        return String.format(Locale.ROOT, "%.1f ms / %.1f ms / %.1f ms", l.percentileMillis(50), l.percentileMillis(99),
                l.percentileMillis(99.9));
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GiB").orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
