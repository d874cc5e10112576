package io.referloop.demo;

import java.util.Objects;

/**
 * A stateful, in-memory fake of the Tremendous API v2 orders endpoints on WireMock: bearer authentication,
 * validation, and Tremendous's idempotency on {@code external_id} (new → 200, same payload → 201 with the
 * existing order, different payload → 409), with error bodies {@code {"errors":{"message","payload"}}}.
 * Failures can be injected: error statuses, a reset after the order is recorded, a late answer.
 * Used by tests and the {@code demo} profile. Its base URL, the value for {@code referloop.tremendous.base-url},
 * ends in {@code /api/v2}.
 */
public final class FakeTremendous extends GiftCardFake<FakeTremendous> {

    private static final String BASE_PATH = "/api/v2";

    private final FakeTremendousRouter router;

    /** A fake on a free port. */
    public FakeTremendous(String apiKey) {
        this(apiKey, 0);
    }

    /** A fake on that port; 0 picks a free one. */
    public FakeTremendous(String apiKey, int port) {
        super("the fake Tremendous", BASE_PATH, port);
        Objects.requireNonNull(apiKey, "apiKey");
        this.router = new FakeTremendousRouter(lock, BASE_PATH, apiKey);
    }

    @Override
    FakeTremendousRouter router() {
        return router;
    }
}
