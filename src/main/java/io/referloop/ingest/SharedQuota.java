package io.referloop.ingest;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A request quota of at most {@code limit} calls in any rolling {@code window}, shared by every instance on one
 * database: an API's limit that is per account (HubSpot's per portal) is never N × the limit with N instances.
 * <p>
 * The row {@code api_quota(name)} holds the earliest moment the next call may go out; an instance moves it on by
 * {@code count × spacing} under the row's lock (one UPDATE, then reading it back in the same transaction) and may
 * make its calls at the slots it took, {@code spacing = window / (limit - 1)} apart, rounded up. Any two calls of
 * all instances are then at least one spacing apart, so a rolling window holds at most {@code limit} of them (also
 * when a call leaves up to one spacing after its slot). That is the Generic Cell Rate Algorithm; written here
 * because the libraries that keep a limit in a database (Bucket4j's JDBC back ends) have no H2 back end, the
 * connector's default database, and their token bucket would need its capacity and refill tuned to give the same
 * rolling-window guarantee.
 * <p>
 * Within an instance callers take turns first come, first served (a fair lock), so reads and writes that share the
 * quota alternate rather than one starving the other. The caller whose turn it is takes slots for itself and for
 * the callers queued behind it (up to {@code slotsPerClaim}), so a busy instance makes one round trip to the
 * database for several calls; a slot nobody takes in time is given up rather than used late. The instances'
 * clocks are the time base: they are expected to agree to well within one spacing (NTP).
 */
public final class SharedQuota {

    /** Waits until a moment given in epoch microseconds; tests advance a clock instead of sleeping. */
    public interface Sleeper {
        void sleepUntil(long epochMicros, Clock clock) throws InterruptedException;
    }

    private static final Sleeper PARK = (until, clock) -> {
        long micros;
        while ((micros = until - micros(clock)) > 0) {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(micros));
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for a permit");
            }
        }
    };

    private final String name;
    private final long spacingMicros;
    private final int slotsPerClaim;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ReentrantLock turn = new ReentrantLock(true);
    private final AtomicInteger queued = new AtomicInteger();
    private final Deque<Long> slots = new ArrayDeque<>();
    private final AtomicLong granted = new AtomicLong();

    public SharedQuota(String name, int limit, Duration window, int slotsPerClaim, JdbcClient jdbc,
                       TransactionTemplate transaction, Clock clock) {
        this(name, limit, window, slotsPerClaim, jdbc, transaction, clock, PARK);
    }

    public SharedQuota(String name, int limit, Duration window, int slotsPerClaim, JdbcClient jdbc,
                       TransactionTemplate transaction, Clock clock, Sleeper sleeper) {
        if (limit < 2) {
            throw new IllegalArgumentException("a shared quota needs a limit of at least 2 calls, not " + limit);
        }
        this.name = name;
        long windowMicros = TimeUnit.NANOSECONDS.toMicros(window.toNanos());
        // rounded up: rounded down, limit - 1 spacings would be a little shorter than the window
        this.spacingMicros = (windowMicros + limit - 2) / (limit - 1);
        this.slotsPerClaim = Math.max(1, slotsPerClaim);
        this.jdbc = jdbc;
        // a transaction of its own: joined to a caller's (a HubSpot call made while deciding), the row's lock would
        // be held until that one commits, and every other caller of every instance would wait for it
        this.transaction = new TransactionTemplate(transaction.getTransactionManager());
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public Duration spacing() {
        return Duration.ofNanos(TimeUnit.MICROSECONDS.toNanos(spacingMicros));
    }

    /** Permits handed out by this instance since it started. */
    public long granted() {
        return granted.get();
    }

    /** Waits for this caller's turn and slot; returns when the call may go out. */
    public void acquire() throws InterruptedException {
        long slot;
        queued.incrementAndGet();
        turn.lockInterruptibly();
        try {
            queued.decrementAndGet();
            long now = micros(clock);
            // a slot taken for a caller who is not there in time is given up: used late it could crowd the next one
            while (!slots.isEmpty() && slots.peekFirst() < now - spacingMicros / 4) {
                slots.removeFirst();
            }
            if (slots.isEmpty()) {
                int count = Math.min(slotsPerClaim, 1 + queued.get());
                long first = reserve(count);
                for (int i = 0; i < count; i++) {
                    slots.addLast(first + i * spacingMicros);
                }
            }
            slot = slots.removeFirst();
        } finally {
            turn.unlock();
        }
        sleeper.sleepUntil(slot, clock);
        granted.incrementAndGet();
    }

    /**
     * Takes {@code count} consecutive slots from the shared row; returns the first, in epoch microseconds (the
     * others follow one spacing apart).
     */
    long reserve(int count) {
        long cost = count * spacingMicros;
        for (int attempt = 0; ; attempt++) {
            long now = micros(clock);
            Long next = transaction.execute(tx -> {
                int moved = jdbc.sql("UPDATE api_quota SET next_slot = GREATEST(next_slot, :now) + :cost WHERE name = :name")
                        .param("now", now).param("cost", cost).param("name", name).update();
                return moved == 0 ? null : jdbc.sql("SELECT next_slot FROM api_quota WHERE name = ?")
                        .param(name).query(Long.class).single();
            });
            if (next != null) {
                return next - cost;
            }
            try {
                jdbc.sql("INSERT INTO api_quota (name, next_slot) VALUES (?, ?)").params(name, now + cost).update();
                return now;
            } catch (DuplicateKeyException anotherInstanceWasFirst) {
                if (attempt > 2) {
                    throw anotherInstanceWasFirst;
                }
            }
        }
    }

    private static long micros(Clock clock) {
        Instant now = clock.instant();
        return TimeUnit.SECONDS.toMicros(now.getEpochSecond()) + now.getNano() / 1_000;
    }
}
