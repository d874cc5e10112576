package io.referloop.demo;

import java.util.List;
import java.util.Objects;

/**
 * A stateful, in-memory fake of the Tango Card RaaS v2 orders endpoints on WireMock: basic authentication
 * ({@code platformName:apiKey}), validation, Tango's idempotency (one order per {@code externalRefID} and account;
 * new → 201, existing → 200 with the original order even if the item differs), the 1 TPS limit (a request less
 * than a second after the previous accepted one is 429) and Tango's error body. Failures can be injected: error
 * statuses, a reset after the order is recorded, a late answer. Used by tests and the {@code demo} profile.
 * Thread-safe: one lock guards all state.
 */
public final class FakeTango implements GiftCardFake {

    private final Object lock = new Object();
    private final FakeTangoOrders orders = new FakeTangoOrders();
    private final FakeTangoRouter router;
    private final FakeServer server;

    /** A fake on a free port. */
    public FakeTango(String platformName, String apiKey) {
        this(platformName, apiKey, 0);
    }

    /** A fake on that port; 0 picks a free one. */
    public FakeTango(String platformName, String apiKey, int port) {
        Objects.requireNonNull(platformName, "platformName");
        Objects.requireNonNull(apiKey, "apiKey");
        this.router = new FakeTangoRouter(lock, platformName, apiKey, orders);
        this.server = new FakeServer("the fake Tango Card", lock, port, router);
    }

    public FakeTango start() {
        server.start();
        return this;
    }

    /** Stops the server; the state stays readable. */
    @Override
    public void close() {
        server.stop();
    }

    /** The value for {@code referloop.tango.base-url}, e.g. {@code http://localhost:54321/raas/v2}. */
    public String baseUrl() {
        return server.url("/raas/v2");
    }

    /** The externalRefID of each order created, in order (null for an order placed without one); a 200 adds nothing. */
    public List<String> orderedExternalIds() {
        synchronized (lock) {
            return orders.externalRefIds();
        }
    }

    public int orderCount() {
        synchronized (lock) {
            return orders.count();
        }
    }

    /** API requests (under /raas/v2) received, whatever their answer, 429s, resets and late answers included. */
    public int requestCount() {
        synchronized (lock) {
            return router.requestCount;
        }
    }

    /** How many requests were refused with 429 for coming less than a second after the previous one. */
    public int rateLimitedCount() {
        synchronized (lock) {
            return router.rateLimitedCount;
        }
    }

    /**
     * The next n authenticated, non-rate-limited POSTs are processed as usual (an order is recorded) but the
     * connection is reset instead of answered.
     */
    public void resetConnectionAfterRecordingNext(int n) {
        requireCount(n);
        synchronized (lock) {
            router.resetsLeft = n;
        }
    }

    /** The next n authenticated, non-rate-limited POSTs are processed at once and answered after millis. */
    public void delayNext(int n, int millis) {
        requireCount(n);
        if (millis < 0) {
            throw new IllegalArgumentException("millis must be >= 0, was " + millis);
        }
        synchronized (lock) {
            router.delaysLeft = n;
            router.delayMillis = millis;
        }
    }

    /** The next n authenticated, non-rate-limited requests get that status and Tango's error body, with no effect. */
    public void failNextRequests(int n, int status) {
        requireCount(n);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP error status, was " + status);
        }
        synchronized (lock) {
            router.failuresLeft = n;
            router.failureStatus = status;
        }
    }

    private static void requireCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
    }
}
