package io.referloop.giftcard.tango;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One call at a time, each starting at least {@code gap} after the previous one ended. A rate limiter alone does
 * not do it: one that refreshes in fixed cycles lets two calls either side of a cycle boundary go out
 * milliseconds apart.
 */
final class CallSpacing {

    /** The time the gap is counted and waited in: the system's monotonic time, unless a test steps it by hand. */
    interface Time {

        Time SYSTEM = new Time() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(long nanos) throws InterruptedException {
                TimeUnit.NANOSECONDS.sleep(nanos);
            }
        };

        long nanoTime();

        void sleep(long nanos) throws InterruptedException;
    }

    private final Duration gap;
    private final Time time;
    private final ReentrantLock lock = new ReentrantLock(true);
    private long lastCallEndedNanos;
    private boolean called;

    CallSpacing(Duration gap) {
        this(gap, Time.SYSTEM);
    }

    CallSpacing(Duration gap, Time time) {
        this.gap = gap;
        this.time = time;
    }

    <T> T call(Supplier<T> call) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (called) {
                long waitNanos = lastCallEndedNanos + gap.toNanos() - time.nanoTime();
                if (waitNanos > 0) {
                    time.sleep(waitNanos);
                }
            }
            try {
                return call.get();
            } finally {
                lastCallEndedNanos = time.nanoTime();
                called = true;
            }
        } finally {
            lock.unlock();
        }
    }
}
