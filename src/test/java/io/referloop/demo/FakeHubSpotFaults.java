package io.referloop.demo;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * A seeded fault mode: a given share of API requests fails, as one of the ways HubSpot and the network fail.
 * The failing requests are spread evenly (with rate 0.3, three requests in every ten, where in the ten drawn from
 * the seed) and the kinds taken in turn, so that even a short run meets every kind once it made a dozen requests.
 * Not thread-safe: the router locks.
 * <p>
 * Whether a fault has an effect matters to anyone checking that no write lands twice, so it is fixed per kind:
 * <ul>
 *   <li>{@link Kind#SERVER_ERROR} (500, 502, 503 or 504 with an INTERNAL_ERROR body) and {@link Kind#RATE_LIMITED}
 *       (429 {@code TEN_SECONDLY_ROLLING} with HubSpot's body and {@code X-HubSpot-RateLimit-*} headers, the interval
 *       HubSpot's 10 s unless a shorter wait was asked for): no effect;</li>
 *   <li>{@link Kind#CONNECTION_RESET}: the connection is reset before the request is handled, so no effect;</li>
 *   <li>{@link Kind#SLOW}: the request is handled at once (a batch update is applied) and answered late. A client
 *       that gives up before the answer and sends the write again applies it twice.</li>
 * </ul>
 */
final class FakeHubSpotFaults {

    enum Kind { SERVER_ERROR, RATE_LIMITED, CONNECTION_RESET, SLOW }

    private static final int[] SERVER_STATUSES = {500, 502, 503, 504};

    private Random random;
    private double rate;
    private Duration slowAnswer = Duration.ZERO;
    private Duration rateLimitWait = FakeHubSpotRateLimiter.HUBSPOT_WINDOW;
    private final Map<Kind, Integer> injected = new EnumMap<>(Kind.class);
    private int faults;
    private long requests;
    private double phase;
    private boolean recordsOnly;

    /**
     * {@code rateLimitWait}: the interval a 429 names, which a client waits out; {@code recordsOnly}: only reads and
     * writes of records fail, not schema or settings calls.
     */
    void start(long seed, double rate, Duration slowAnswer, Duration rateLimitWait, boolean recordsOnly) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("rate must be between 0 and 1, was " + rate);
        }
        this.random = new Random(seed);
        this.rate = rate;
        this.phase = random.nextDouble();
        this.requests = 0;
        this.slowAnswer = slowAnswer;
        this.rateLimitWait = rateLimitWait;
        this.recordsOnly = recordsOnly;
    }

    void stop() {
        random = null;
    }

    /** The fault for the next request, or null for a normal answer; {@code recordCall}: it reads or writes records. */
    Kind next(boolean recordCall) {
        if (random == null || recordsOnly && !recordCall) {
            return null;
        }
        requests++;
        if (Math.floor(requests * rate + phase) == Math.floor((requests - 1) * rate + phase)) {
            return null;
        }
        Kind kind = Kind.values()[faults++ % Kind.values().length];
        injected.merge(kind, 1, Integer::sum);
        return kind;
    }

    int serverStatus() {
        return SERVER_STATUSES[random.nextInt(SERVER_STATUSES.length)];
    }

    Duration slowAnswer() {
        return slowAnswer;
    }

    Duration rateLimitWait() {
        return rateLimitWait;
    }

    Map<Kind, Integer> injected() {
        return Map.copyOf(injected);
    }
}
