package io.referloop.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongToIntFunction;

/**
 * Senders that each wait for their answer before sending again, for a fixed time: the ceiling of what the
 * connector accepts. A request that throws ends the run with its exception (a sender that gave up is not a figure).
 */
record ClosedLoop(int senders, Duration duration, LoadClock clock) {

    /** Sends request {@code n} (counted from 0 by each sender) of sender {@code sender}; returns the HTTP status. */
    @FunctionalInterface
    interface Request {
        int send(int sender, long n) throws Exception;
    }

    /**
     * @param requests  requests sent, answered or not
     * @param events    events carried by the acknowledged (2xx) requests
     * @param failures  requests answered with another status
     * @param latencies from each send to its answer
     */
    record Result(long requests, long events, long failures, Latencies latencies) {
    }

    ClosedLoop(int senders, Duration duration) {
        this(senders, duration, LoadClock.SYSTEM);
    }

    /** Runs until the duration is over; {@code eventsOf} tells how many events request {@code n} of a sender carries. */
    Result run(LongToIntFunction eventsOf, Request request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        long end = clock.nanoTime() + duration.toNanos();
        Latencies latencies = new Latencies();
        AtomicLong events = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            running.add(pool.submit(() -> {
                for (long n = 0; clock.nanoTime() < end; n++) {
                    long started = clock.nanoTime();
                    int status = request.send(sender, n);
                    latencies.add(clock.nanoTime() - started);
                    if (status / 100 == 2) {
                        events.addAndGet(eventsOf.applyAsInt(n));
                    } else {
                        failures.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return new Result(latencies.count(), events.get(), failures.get(), latencies);
    }
}
