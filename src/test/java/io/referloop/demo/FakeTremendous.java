package io.referloop.demo;

import java.util.List;
import java.util.Objects;

/**
 * A stateful, in-memory fake of the Tremendous API v2 orders endpoints on WireMock: bearer authentication,
 * validation, and Tremendous's idempotency on {@code external_id} (new → 200, same payload → 201 with the
 * existing order, different payload → 409), with error bodies {@code {"errors":{"message","payload"}}}.
 * Failures can be injected: error statuses, a reset after the order is recorded, a late answer.
 * Used by tests and the {@code demo} profile. Thread-safe: one lock guards all state.
 */
public final class FakeTremendous implements GiftCardFake {

    private final Object lock = new Object();
    private final FakeTremendousOrders orders = new FakeTremendousOrders();
    private final FakeTremendousRouter router;
    private final FakeServer server;

    /** A fake on a free port. */
    public FakeTremendous(String apiKey) {
        this(apiKey, 0);
    }

    /** A fake on that port; 0 picks a free one. */
    public FakeTremendous(String apiKey, int port) {
        Objects.requireNonNull(apiKey, "apiKey");
        this.router = new FakeTremendousRouter(lock, apiKey, orders);
        this.server = new FakeServer("the fake Tremendous", lock, port, router);
    }

    public FakeTremendous start() {
        server.start();
        return this;
    }

    /** Stops the server; the state stays readable. */
    @Override
    public void close() {
        server.stop();
    }

    /** The value for {@code referloop.tremendous.base-url}, e.g. {@code http://localhost:54321/api/v2}. */
    public String baseUrl() {
        return server.url("/api/v2");
    }

    /** The external_id of each order created, in order; a 201 or 409 adds nothing. */
    public List<String> orderedExternalIds() {
        synchronized (lock) {
            return orders.externalIds();
        }
    }

    public int orderCount() {
        synchronized (lock) {
            return orders.count();
        }
    }

    /** API requests (under /api/v2) received, whatever their answer, resets and late answers included. */
    public int requestCount() {
        synchronized (lock) {
            return router.requestCount;
        }
    }

    /**
     * The next n authenticated POSTs are processed as usual (an order is recorded) but the connection is reset
     * instead of answered, as when a network drops the answer.
     */
    public void resetConnectionAfterRecordingNext(int n) {
        requireCount(n);
        synchronized (lock) {
            router.resetsLeft = n;
        }
    }

    /** The next n authenticated POSTs are processed at once (an order is recorded) and answered after millis. */
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

    /** The next n authenticated requests get that status and an error body, with no effect. */
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
