package io.referloop.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which inbox sources were found empty and have had nothing stored by this instance since: their drain need not ask
 * the database again until {@code recheck} has passed. An idle connector otherwise runs a locking claim per source
 * every poll interval (four sources, five times a second), a fifth of a core on H2 doing nothing. Events stored by
 * this instance wake their source at once; events another instance stored, and events given back for a later
 * attempt, are found at the next recheck.
 */
final class IdleSources {

    private record Empty(long generation, long atMillis) {
    }

    private final Map<String, AtomicLong> stored = new ConcurrentHashMap<>();
    private final Map<String, Empty> empty = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long recheckMillis;

    IdleSources(Clock clock, Duration recheck) {
        this.clock = clock;
        this.recheckMillis = recheck.toMillis();
    }

    /** Read before a claim, and handed to {@link #foundEmpty} if it finds nothing. */
    long generation(String source) {
        return stored.computeIfAbsent(source, s -> new AtomicLong()).get();
    }

    /** Whether the last claim found nothing, nothing was stored since, and the recheck is not due yet. */
    boolean nothingNew(String source) {
        Empty last = empty.get(source);
        return last != null && last.generation() == generation(source) && clock.millis() - last.atMillis() < recheckMillis;
    }

    /** A claim that read {@code generation} before it asked found nothing. */
    void foundEmpty(String source, long generation) {
        empty.put(source, new Empty(generation, clock.millis()));
    }

    void foundSome(String source) {
        empty.remove(source);
    }

    /** Events of the source were committed by this instance. */
    void stored(String source) {
        stored.computeIfAbsent(source, s -> new AtomicLong()).incrementAndGet();
    }
}
