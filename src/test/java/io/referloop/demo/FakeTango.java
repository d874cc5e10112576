package io.referloop.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * A stateful, in-memory fake of the Tango Card RaaS v2 orders endpoints on WireMock: basic authentication
 * ({@code platformName:apiKey}), validation, Tango's idempotency (one order per {@code externalRefID} and account;
 * new → 201, existing → 200 with the original order even if the item differs), the 1 TPS limit (a request less
 * than a second after the previous accepted one is 429) and Tango's error body. Failures can be injected: error
 * statuses, a reset after the order is recorded, a late answer. Used by tests and the {@code demo} profile.
 * Its base URL, the value for {@code referloop.tango.base-url}, ends in {@code /raas/v2}; an order placed without
 * an externalRefID counts as null among {@link #orderedExternalIds()}.
 */
public final class FakeTango extends GiftCardFake<FakeTango> {

    private static final String BASE_PATH = "/raas/v2";

    private final FakeTangoRouter router;

    /** A fake on a free port. */
    public FakeTango(String platformName, String apiKey) {
        this(platformName, apiKey, 0);
    }

    /** A fake on that port; 0 picks a free one. */
    public FakeTango(String platformName, String apiKey, int port) {
        super("the fake Tango Card", BASE_PATH, port);
        Objects.requireNonNull(platformName, "platformName");
        Objects.requireNonNull(apiKey, "apiKey");
        this.router = new FakeTangoRouter(lock, BASE_PATH, platformName, apiKey);
    }

    @Override
    FakeTangoRouter router() {
        return router;
    }

    /**
     * The least time between accepted requests: Tango's one second by default; a shorter one lets a test of a
     * client spaced to match it wait less. A request sooner is refused with 429.
     */
    public FakeTango setMinGap(Duration minGap) {
        synchronized (lock) {
            router.minGap = minGap;
        }
        return this;
    }

    /**
     * Judges the rate limit by this clock instead of the time passing, so that a test of the limit moves the clock
     * rather than waiting out Tango's second.
     */
    public FakeTango judgeRateLimitBy(Clock clock) {
        synchronized (lock) {
            router.clock = clock;
        }
        return this;
    }

    /** How many requests were refused with 429 for coming sooner than the gap after the previous one. */
    public int rateLimitedCount() {
        synchronized (lock) {
            return router.rateLimitedCount;
        }
    }
}
