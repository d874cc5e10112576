package io.referloop.hubspot;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;

import java.time.Duration;

/**
 * {@code referloop.hubspot.retry.*}: how soon work that HubSpot could not take is tried again, once the call's own
 * attempts ({@code max-attempts}) are spent. {@code unavailableDelay}: events whose reads HubSpot failed (5xx, 429,
 * resets, time-outs) or that met an open circuit breaker. {@code errorDelay}: events whose processing failed in
 * Referloop itself. {@code writeBackoff}: the first wait of a write-back batch HubSpot failed without naming a wait,
 * doubled with each attempt of its rows up to {@link #WRITE_BACKOFF_CAP}; also the wait while the breaker is open.
 * {@code callBackoff}: the first wait between a call's own attempts after a transient failure (a 429 waits as long as
 * HubSpot says), doubled with each attempt up to {@link #CALL_BACKOFF_DOUBLINGS} doublings (0.5 s to 8 s by default).
 */
public record HubSpotRetryDelays(@DefaultValue(UNAVAILABLE_DELAY) Duration unavailableDelay,
                                 @DefaultValue(ERROR_DELAY) Duration errorDelay,
                                 @DefaultValue(WRITE_BACKOFF) Duration writeBackoff,
                                 @DefaultValue(CALL_BACKOFF) Duration callBackoff) {

    static final String UNAVAILABLE_DELAY = "10s";
    static final String ERROR_DELAY = "30s";
    static final String WRITE_BACKOFF = "5s";
    static final String CALL_BACKOFF = "500ms";
    /** A call's waits grow to 16 times the first at most: one call never holds its thread for minutes. */
    static final int CALL_BACKOFF_DOUBLINGS = 4;
    /** However often a write failed, it is tried again within this long: HubSpot outages rarely last longer. */
    static final Duration WRITE_BACKOFF_CAP = Duration.ofMinutes(10);

    /**
     * How soon events are tried again after HubSpot refused their read for good (a 4xx other than 429: a scope taken
     * away, a property deleted). The answer changes only once someone mends the portal, so the attempts
     * ({@code referloop.inbox.max-attempts}) are spread over long enough for that before the events are parked.
     */
    static final Duration AFTER_REFUSAL = Duration.ofMinutes(5);

    /** The defaults, for a client built without Spring (tools, tests). */
    public static final HubSpotRetryDelays DEFAULTS = new HubSpotRetryDelays(null, null, null, null);

    public HubSpotRetryDelays {
        unavailableDelay = positive("unavailable-delay", unavailableDelay, UNAVAILABLE_DELAY);
        errorDelay = positive("error-delay", errorDelay, ERROR_DELAY);
        writeBackoff = positive("write-backoff", writeBackoff, WRITE_BACKOFF);
        callBackoff = positive("call-backoff", callBackoff, CALL_BACKOFF);
        if (writeBackoff.compareTo(WRITE_BACKOFF_CAP) > 0) {
            throw new IllegalArgumentException("referloop.hubspot.retry.write-backoff cannot exceed " + WRITE_BACKOFF_CAP
                    + ", the longest a failed write waits, was " + writeBackoff);
        }
    }

    /** The wait of a write-back batch whose rows were attempted {@code attempts} times: doubled each time, capped. */
    Duration writeBackoffAfter(int attempts) {
        // 20 doublings pass the cap from any base above zero, and a shift that far cannot overflow
        long millis = writeBackoff.toMillis() << Math.min(Math.max(attempts, 0), 20);
        return Duration.ofMillis(Math.min(millis, WRITE_BACKOFF_CAP.toMillis()));
    }

    /** The wait before a call's attempt {@code attempt + 1} (the first retry follows attempt 1). */
    long callBackoffMillis(int attempt) {
        return callBackoff.toMillis() << Math.min(CALL_BACKOFF_DOUBLINGS, Math.max(0, attempt - 1));
    }

    /** Zero would have the connector call a failing HubSpot again at once, in a loop. */
    private static Duration positive(String name, Duration value, String fallback) {
        Duration delay = value == null ? DurationStyle.detectAndParse(fallback) : value;
        if (delay.isZero() || delay.isNegative()) {
            throw new IllegalArgumentException("referloop.hubspot.retry." + name + " must be positive, was " + delay);
        }
        return delay;
    }
}
