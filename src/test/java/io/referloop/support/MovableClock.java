package io.referloop.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands at {@link FixedClock#NOW} until a test moves it, for timing logic tested without waiting.
 * Read and moved from several threads alike.
 */
public final class MovableClock extends Clock {

    private Instant now = FixedClock.NOW;

    public synchronized void advance(Duration by) {
        now = now.plus(by);
    }

    /** Moves to {@code at}, unless the clock is past it already: time never goes back. */
    public synchronized void advanceTo(Instant at) {
        if (at.isAfter(now)) {
            now = at;
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }
}
