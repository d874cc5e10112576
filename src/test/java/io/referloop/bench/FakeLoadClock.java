package io.referloop.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/** A clock that moves only when told: parking moves it by the time asked for, and a request can move it too. */
final class FakeLoadClock implements LoadClock {

    private final AtomicLong now = new AtomicLong();
    private final AtomicLong parks = new AtomicLong();
    private volatile LongConsumer onPark = n -> { };

    @Override
    public void park(long nanos) {
        now.addAndGet(nanos);
        onPark.accept(parks.incrementAndGet());
    }

    /** What happens meanwhile: called with the number of each park, counted from 1. */
    void onPark(LongConsumer action) {
        onPark = action;
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    void advanceMillis(long millis) {
        now.addAndGet(millis * 1_000_000);
    }

    long parks() {
        return parks.get();
    }
}
