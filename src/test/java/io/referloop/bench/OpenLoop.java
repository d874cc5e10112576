package io.referloop.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongToIntFunction;

/**
 * Requests that leave on a fixed schedule whatever the answers do, with latency counted from the scheduled moment
 * so that a stall is not hidden; then a wait, with a deadline, for the answers still pending.
 */
record OpenLoop(double requestsPerSecond, Duration duration, LoadClock clock) {

    /** Sends request {@code i}, scheduled at {@code scheduledNanos} (on the loop's clock); completes with the HTTP status. */
    @FunctionalInterface
    interface Request {
        CompletableFuture<Integer> send(long i, long scheduledNanos) throws Exception;
    }

    /**
     * @param requests     requests sent
     * @param offered      events they carried
     * @param acknowledged events carried by the acknowledged (2xx) requests
     * @param steadyEvents of those, the ones acknowledged in the middle half of the schedule
     * @param refused      requests answered with another status or an error
     * @param unanswered   requests still pending when the wait for answers ended
     * @param latencies    from each scheduled moment to its answer
     */
    record Result(long requests, long offered, long acknowledged, long steadyEvents, long refused, long unanswered,
                  Latencies latencies, Duration duration) {

        long failures() {
            return refused + unanswered;
        }

        /**
         * Events acknowledged per second in the middle half of the schedule: what the connector sustains, free of
         * the start (empty queues) and of the tail (answers still arriving after the last send).
         */
        double steadyRate() {
            return steadyEvents / (duration.toNanos() / 2 / 1e9);
        }
    }

    private static final long POLL_NANOS = 5_000_000;

    OpenLoop(double requestsPerSecond, Duration duration) {
        this(requestsPerSecond, duration, LoadClock.SYSTEM);
    }

    private long interval() {
        return (long) (1e9 / requestsPerSecond);
    }

    /** How many requests the schedule holds. */
    long requests() {
        return duration.toNanos() / interval();
    }

    /** Sends the schedule, then waits at most {@code answersWithin} for the answers. */
    Result run(LongToIntFunction eventsOf, Request request, Duration answersWithin) throws Exception {
        return run(eventsOf, request, answersWithin, () -> true);
    }

    /**
     * Sends the schedule, then waits at most {@code answersWithin} for the answers and for {@code settled} (what the
     * requests set off elsewhere, such as the writes they cause at a fake).
     */
    Result run(LongToIntFunction eventsOf, Request request, Duration answersWithin, BooleanSupplier settled)
            throws Exception {
        long requests = requests();
        long interval = interval();
        Latencies latencies = new Latencies();
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong steady = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        long offered = 0;
        long start = clock.nanoTime();
        long steadyFrom = start + duration.toNanos() / 4;
        long steadyTo = start + duration.toNanos() * 3 / 4;
        for (long i = 0; i < requests; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - clock.nanoTime();
            if (wait > 0) {
                clock.park(wait);
            }
            int events = eventsOf.applyAsInt(i);
            offered += events;
            request.send(i, scheduled).whenComplete((status, error) -> {
                long now = clock.nanoTime();
                latencies.add(now - scheduled);
                if (error == null && status / 100 == 2) {
                    acknowledged.addAndGet(events);
                    if (now >= steadyFrom && now < steadyTo) {
                        steady.addAndGet(events);
                    }
                } else {
                    refused.incrementAndGet();
                }
                answered.incrementAndGet();
            });
        }
        long deadline = clock.nanoTime() + answersWithin.toNanos();
        while ((answered.get() < requests || !settled.getAsBoolean()) && clock.nanoTime() < deadline) {
            clock.park(POLL_NANOS);
        }
        return new Result(requests, offered, acknowledged.get(), steady.get(), refused.get(),
                requests - answered.get(), latencies, duration);
    }
}
