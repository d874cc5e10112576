package io.referloop.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * The time the load loops keep: the system's monotonic clock, or a fake one in their unit test so that a loop's
 * deadline can be checked by counting requests rather than by timing them.
 */
interface LoadClock {

    LoadClock SYSTEM = new LoadClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void park(long nanos) {
            LockSupport.parkNanos(nanos);
        }
    };

    long nanoTime();

    /** Waits about {@code nanos}; may return early, as {@link LockSupport#parkNanos(long)} does. */
    void park(long nanos);
}
