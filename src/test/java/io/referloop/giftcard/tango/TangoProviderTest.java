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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tango allows one call a second. Its fake here allows one each {@link #GAP} and the provider is spaced to match, so
 * that retries wait a tenth of the time; {@link #asDeployedCallsAreSpacedByTangosOwnSecond} checks the provider as
 * deployed keeps Tango's own second, and {@link CallSpacingTest} how the spacing counts it. Waits are checked as the
 * provider decides them, and by the fake, which refuses a call that comes too soon as Tango does.
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
        List<Duration> waits = retryWaits();

        GiftCardReceipt receipt = provider.order(order("reward-1", "25.00"));

        assertThat(waits).singleElement().satisfies(wait -> assertThat(wait).isGreaterThanOrEqualTo(GAP));
        assertThat(receipt.existing()).isFalse();
        assertThat(fake.orderCount()).isEqualTo(1);
    }

    @Test
    void a429IsWaitedOutAndRetriedWithTheSameKey() {
        fake.failNextRequests(1, 429);
        List<Duration> waits = retryWaits();

        GiftCardReceipt receipt = provider.order(order("reward-1", "25.00"));

        assertThat(waits).singleElement().satisfies(wait -> assertThat(wait).isGreaterThanOrEqualTo(GAP));
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

    /** Three orders in a row, against a fake that refuses any call sooner than the gap after the last one. */
    @Test
    void ordersInARowAreSpacedSoTheFakeRefusesNone() {
        provider.order(order("reward-1", "25.00"));
        provider.order(order("reward-2", "25.00"));
        provider.order(order("reward-3", "25.00"));

        assertThat(fake.requestCount()).isEqualTo(3);
        assertThat(fake.orderedExternalIds()).containsExactly("reward-1", "reward-2", "reward-3");
    }

    /** As deployed the provider keeps Tango's own second between calls; the tests above give it the fake's gap. */
    @Test
    void asDeployedCallsAreSpacedByTangosOwnSecond() {
        TangoProvider deployed = new TangoProvider(properties(API_KEY), new ObjectMapper());

        assertThat(deployed.minGap()).isEqualTo(Duration.ofSeconds(1));
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

    /** The waits the provider decides before each retry, as it decides them. */
    private List<Duration> retryWaits() {
        List<Duration> waits = new CopyOnWriteArrayList<>();
        ((TangoProvider) provider).retryEvents().onRetry(event -> waits.add(event.getWaitInterval()));
        return waits;
    }

    private TangoProperties properties(String apiKey) {
        return new TangoProperties(URI.create(fake.baseUrl()), PLATFORM, apiKey, "A12345", "referloop", "U561593",
                TIMEOUT, 3);
    }
}
