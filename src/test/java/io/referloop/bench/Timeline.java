package io.referloop.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Latencies by the second their request was scheduled in: a percentile says how long the tail is, this says when it
 * happened (a cold start, a periodic job, or spread over the run). Safe to add to from many threads.
 */
final class Timeline {

    private final long originNanos;
    private final Map<Long, List<Long>> bySecond = new TreeMap<>();

    Timeline(long originNanos) {
        this.originNanos = originNanos;
    }

    synchronized void add(long scheduledNanos, long latencyNanos) {
        long second = Math.max(0, (scheduledNanos - originNanos) / 1_000_000_000L);
        bySecond.computeIfAbsent(second, s -> new ArrayList<>()).add(latencyNanos);
    }

    /** The {@code count} seconds whose slowest request took longest, in order of time: "t=12 s: max 2,310 ms (97)". */
    synchronized String slowestSeconds(int count) {
        return bySecond.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<Long, List<Long>> e) -> max(e.getValue())).reversed())
                .limit(count)
                .sorted(Map.Entry.comparingByKey())
                .map(e -> "t=%d s: max %,d ms of %d".formatted(e.getKey(), max(e.getValue()) / 1_000_000, e.getValue().size()))
                .collect(Collectors.joining("; "));
    }

    private static long max(List<Long> latencies) {
        return latencies.stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
