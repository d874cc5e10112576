package io.referloop.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds, safe to add to from many threads; percentiles by nearest rank. */
final class Latencies {

    private long[] samples = new long[1 << 14];
    private int size;

    synchronized void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    synchronized int count() {
        return size;
    }

    /** The p-th percentile (0 < p <= 100) in milliseconds. */
    synchronized double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size, rank) - 1)] / 1e6;
    }

    synchronized double maxMillis() {
        return size == 0 ? Double.NaN : Arrays.stream(samples, 0, size).max().orElse(0) / 1e6;
    }
}
