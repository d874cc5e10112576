package io.referloop.giftcard.tango;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.demo.FakeTango;
import io.referloop.giftcard.GiftCardProviderContract;
import io.referloop.reward.GiftCardException;
import io.referloop.reward.GiftCardReceipt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tango allows one call a second. Its fake here allows one each {@link #GAP} and the provider is spaced to match, so
 * that retries wait a tenth of the time; {@link #callsAreSpacedAtLeastOneSecondApartSoThreeOrdersMeetNo429} checks
 * the provider as deployed against Tango's own second.
 */
class TangoProviderTest extends GiftCardProviderContract<FakeTango> {

    private static final String PLATFORM = "ReferloopTest";
    private static final String API_KEY = "provider-key";
    private static final Duration GAP = Duration.ofMillis(100);

    TangoProviderTest() {
        super(new Api(API_KEY, "wrong-key", "RA", "COMPLETE"));
    }

    @Override
    protected FakeTango startFake() {
        return new FakeTango(PLATFORM, API_KEY).setMinGap(GAP).start();
    }

    @Override
    protected TangoProvider provider(String apiKey) {
        return new TangoProvider(properties(apiKey), new ObjectMapper(), GAP);
    }

    /** The fake takes one call a gap: the provider spaces its calls, retries included, and never meets that limit. */
    @AfterEach
    void noCallCameTooSoon() {
        assertThat(fake.rateLimitedCount()).isZero();
    }

    @Test
    void retryAfterAnErrorWaitsAtLeastTheGap() {
        fake.failNextRequests(1, 500);
        long started = System.nanoTime();

        GiftCardReceipt receipt = provider.order(order("reward-1", "25.00"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(GAP);
        assertThat(receipt.existing()).isFalse();
        assertThat(fake.orderCount()).isEqualTo(1);
    }

    @Test
    void a429IsWaitedOutAndRetriedWithTheSameKey() {
        fake.failNextRequests(1, 429);
        long started = System.nanoTime();

        GiftCardReceipt receipt = provider.order(order("reward-1", "25.00"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(GAP);
        assertThat(receipt.existing()).isFalse();
        assertThat(fake.requestCount()).isEqualTo(2);
        assertThat(fake.orderedExternalIds()).containsExactly("reward-1");
    }

    @Test
    void conflict409IsNotRetried() {
        fake.failNextRequests(1, 409);

        GiftCardException e = catchThrowableOfType(GiftCardException.class,
                () -> provider.order(order("reward-1", "25.00")));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("409");
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void validationError400IsNotRetried() {
        GiftCardException e = catchThrowableOfType(GiftCardException.class,
                () -> provider.order(order("reward-1", "0")));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("400").contains("amount");
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    /** The provider as deployed (Tango's one second) against a fake with Tango's own limit. */
    @Test
    void callsAreSpacedAtLeastOneSecondApartSoThreeOrdersMeetNo429() {
        fake.setMinGap(Duration.ofSeconds(1));
        provider = new TangoProvider(properties(API_KEY), new ObjectMapper());
        long started = System.nanoTime();

        provider.order(order("reward-1", "25.00"));
        provider.order(order("reward-2", "25.00"));
        provider.order(order("reward-3", "25.00"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(fake.requestCount()).isEqualTo(3);
        assertThat(fake.orderedExternalIds()).containsExactly("reward-1", "reward-2", "reward-3");
    }

    @Test
    void isConfiguredOnlyWithAllFiveSettings() {
        assertThat(provider.configured()).isTrue();
        assertThat(provider.name()).isEqualTo("tango");
        assertThat(new TangoProvider(new TangoProperties(URI.create(fake.baseUrl()), PLATFORM, API_KEY, "A12345",
                "referloop", null, TIMEOUT, 3), new ObjectMapper()).configured()).isFalse();
    }

    @Test
    void propertiesToStringMasksTheApiKey() {
        assertThat(properties(API_KEY).toString()).doesNotContain(API_KEY).contains("****");
    }

    private TangoProperties properties(String apiKey) {
        return new TangoProperties(URI.create(fake.baseUrl()), PLATFORM, apiKey, "A12345", "referloop", "U561593",
                TIMEOUT, 3);
    }
}
