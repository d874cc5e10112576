package io.referloop.demo;

import java.util.List;

/** What the fake gift-card APIs share, so that one contract test runs against each. */
public interface GiftCardFake extends AutoCloseable {

    String baseUrl();

    /** The external ids (idempotency keys) of the orders recorded, in order. */
    List<String> orderedExternalIds();

    int orderCount();

    /** API requests received, whatever their answer. */
    int requestCount();

    /** The next n orders are recorded, but the connection is reset instead of answered. */
    void resetConnectionAfterRecordingNext(int n);

    /** The next n orders are recorded at once and answered after millis. */
    void delayNext(int n, int millis);

    /** The next n requests get that status and the API's error body, with no effect. */
    void failNextRequests(int n, int status);

    @Override
    void close();
}
