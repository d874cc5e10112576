package io.referloop.demo;

import java.util.List;
import java.util.stream.Stream;

/**
 * What the fake gift-card APIs share, so that one contract test runs against each: an orders API (POST
 * {@code /orders}, GET {@code /orders/{id}}) with the API's own idempotency, request counting and injected
 * failures. Thread-safe: the fake's lock guards all state.
 *
 * @param <F> the fake itself, which {@link #start()} returns
 */
public abstract class GiftCardFake<F extends GiftCardFake<F>> extends FakeApi<F> {

    GiftCardFake(String name, String basePath, int port) {
        super(name, basePath, port);
    }

    @Override
    abstract FakeGiftCardRouter router();

    /** The external ids (idempotency keys) of the orders created, in order; an answer with an existing order adds none. */
    public List<String> orderedExternalIds() {
        synchronized (lock) {
            return router().orders.externalIds();
        }
    }

    public int orderCount() {
        synchronized (lock) {
            return router().orders.count();
        }
    }

    /** The orders created for any of these recipients (emails compared ignoring case), whatever else was ordered. */
    public long orderCountTo(String... emails) {
        synchronized (lock) {
            return router().orders.recipientEmails().stream()
                    .filter(recipient -> recipient != null && Stream.of(emails).anyMatch(recipient::equalsIgnoreCase))
                    .count();
        }
    }

    /** API requests (under the base path) received, whatever their answer, refusals, resets and late answers included. */
    public int requestCount() {
        synchronized (lock) {
            return router().injections.requestCount;
        }
    }

    /**
     * The next n authenticated POSTs the API accepts (within its rate limit, if any) are processed as usual (an
     * order is recorded) but the connection is reset instead of answered, as when a network drops the answer.
     */
    public void resetConnectionAfterRecordingNext(int n) {
        synchronized (lock) {
            router().injections.resetNext(n);
        }
    }

    /** The next n authenticated POSTs the API accepts are processed at once (an order is recorded) and answered after millis. */
    public void delayNext(int n, int millis) {
        synchronized (lock) {
            router().injections.delayNext(n, millis);
        }
    }

    /** The next n authenticated requests the API accepts get that status and the API's error body, with no effect. */
    public void failNextRequests(int n, int status) {
        synchronized (lock) {
            router().injections.failNext(n, status);
        }
    }

    /** An API's orders, with its idempotency. Not thread-safe: the router locks. */
    interface Orders {

        FakeReply create(String body);

        /** The order, or the API's 404 thrown. */
        FakeReply get(String id);

        /** The external id of each order created, in order (null for one placed without). */
        List<String> externalIds();

        /** The recipient's email of each order created, in order (null for one placed without). */
        List<String> recipientEmails();

        int count();
    }
}
