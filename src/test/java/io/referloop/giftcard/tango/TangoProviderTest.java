package io.referloop.giftcard.tango;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.demo.FakeTango;
import io.referloop.reward.GiftCardException;
import io.referloop.reward.GiftCardOrder;
import io.referloop.reward.GiftCardReceipt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TangoProviderTest {

    private static final String PLATFORM = "ReferloopTest";
    private static final String API_KEY = "provider-key";
    // generous: on a loaded machine a local fake can take a few hundred ms, which would look like a timeout
    private static final Duration TIMEOUT = Duration.ofMillis(1500);
    private static final int LATE_MILLIS = 3000;

    private FakeTango fake;
    private TangoProvider provider;

    @BeforeEach
    void start() {
        fake = new FakeTango(PLATFORM, API_KEY).start();
        provider = provider(API_KEY);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void newOrderIs201AndNotExisting() {
        GiftCardReceipt receipt = provider.order(order("reward-1", "25.00"));

        assertThat(receipt.providerOrderId()).startsWith("RA");
        assertThat(receipt.status()).isEqualTo("COMPLETE");
        assertThat(receipt.existing()).isFalse();
        assertThat(fake.orderedExternalIds()).containsExactly("reward-1");
    }

    @Test
    void sameOrderTwiceIsOneOrderAndTheSecondReceiptIsExisting() {
        GiftCardReceipt first = provider.order(order("reward-1", "25.00"));
        GiftCardReceipt second = provider.order(order("reward-1", "25.00"));

        assertThat(second.existing()).isTrue();
        assertThat(second.providerOrderId()).isEqualTo(first.providerOrderId());
        assertThat(fake.orderCount()).isEqualTo(1);
        assertThat(fake.rateLimitedCount()).isZero();
    }

    @Test
    void answerAfterTheClientTimedOutIsRetriedWithTheSameKeyAndMakesExactlyOneOrder() {
        fake.delayNext(1, LATE_MILLIS);

        GiftCardReceipt receipt = provider.order(order("reward-1", "25.00"));

        assertThat(receipt.existing()).isTrue();
        assertThat(fake.requestCount()).isEqualTo(2);
        assertThat(fake.rateLimitedCount()).isZero();
        assertThat(fake.orderedExternalIds()).containsExactly("reward-1");
    }

    @Test
    void connectionResetAfterTheOrderWasRecordedIsRetriedWithTheSameKeyAndMakesOneOrder() {
        fake.resetConnectionAfterRecordingNext(1);

        GiftCardReceipt receipt = provider.order(order("reward-1", "25.00"));

        assertThat(receipt.existing()).isTrue();
        assertThat(fake.requestCount()).isEqualTo(2);
        assertThat(fake.orderedExternalIds()).containsExactly("reward-1");
    }

    @Test
    void retryAfterAnErrorWaitsAtLeastOneSecond() {
        fake.failNextRequests(1, 500);
        long started = System.nanoTime();

        GiftCardReceipt receipt = provider.order(order("reward-1", "25.00"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(receipt.existing()).isFalse();
        assertThat(fake.rateLimitedCount()).isZero();
        assertThat(fake.orderCount()).isEqualTo(1);
    }

    @Test
    void a429IsWaitedOutAndRetriedWithTheSameKey() {
        fake.failNextRequests(1, 429);
        long started = System.nanoTime();

        GiftCardReceipt receipt = provider.order(order("reward-1", "25.00"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
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

    @Test
    void persistent5xxEndsInARetryableGiftCardExceptionAfterMaxAttempts() {
        fake.failNextRequests(10, 503);

        GiftCardException e = catchThrowableOfType(GiftCardException.class,
                () -> provider.order(order("reward-1", "25.00")));

        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("503");
        assertThat(fake.requestCount()).isEqualTo(3);
        assertThat(fake.rateLimitedCount()).isZero();
        assertThat(fake.orderCount()).isZero();
    }

    @Test
    void callsAreSpacedAtLeastOneSecondApartSoThreeOrdersMeetNo429() {
        long started = System.nanoTime();

        provider.order(order("reward-1", "25.00"));
        provider.order(order("reward-2", "25.00"));
        provider.order(order("reward-3", "25.00"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(fake.rateLimitedCount()).isZero();
        assertThat(fake.requestCount()).isEqualTo(3);
        assertThat(fake.orderedExternalIds()).containsExactly("reward-1", "reward-2", "reward-3");
    }

    @Test
    void wrongApiKeyIs401AndNotRetried() {
        GiftCardException e = catchThrowableOfType(GiftCardException.class,
                () -> provider("wrong-key").order(order("reward-1", "25.00")));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("401");
        assertThat(fake.requestCount()).isEqualTo(1);
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

    private TangoProvider provider(String apiKey) {
        return new TangoProvider(properties(apiKey), new ObjectMapper());
    }

    private TangoProperties properties(String apiKey) {
        return new TangoProperties(URI.create(fake.baseUrl()), PLATFORM, apiKey, "A12345", "referloop", "U561593",
                TIMEOUT, 3);
    }

    private static GiftCardOrder order(String key, String amount) {
        return new GiftCardOrder(key, new BigDecimal(amount), "USD", "ada@example.com", "Ada Lovelace",
                "Thank you for your referral!");
    }
}
