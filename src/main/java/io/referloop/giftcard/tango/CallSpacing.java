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

    private final Duration gap;
    private final ReentrantLock lock = new ReentrantLock(true);
    private long lastCallEndedNanos;
    private boolean called;

    CallSpacing(Duration gap) {
        this.gap = gap;
    }

    <T> T call(Supplier<T> call) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (called) {
                long waitNanos = lastCallEndedNanos + gap.toNanos() - System.nanoTime();
                if (waitNanos > 0) {
                    TimeUnit.NANOSECONDS.sleep(waitNanos);
                }
            }
            try {
                return call.get();
            } finally {
                lastCallEndedNanos = System.nanoTime();
                called = true;
            }
        } finally {
            lock.unlock();
        }
    }
}
