package io.referloop.giftcard.tremendous;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.demo.FakeTremendous;
import io.referloop.reward.GiftCardException;
import io.referloop.reward.GiftCardOrder;
import io.referloop.reward.GiftCardReceipt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TremendousProviderTest {

    private static final String API_KEY = "TEST_provider-key";
    // generous: on a loaded machine a local fake can take a few hundred ms, which would look like a timeout
    private static final Duration TIMEOUT = Duration.ofMillis(1500);
    private static final int LATE_MILLIS = 3000;

    private FakeTremendous fake;
    private TremendousProvider provider;

    @BeforeEach
    void start() {
        fake = new FakeTremendous(API_KEY).start();
        provider = provider(API_KEY);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void newOrderIsPlacedAndNotExisting() {
        GiftCardReceipt receipt = provider.order(order("reward-1", "25.00"));

        assertThat(receipt.providerOrderId()).startsWith("ORD");
        assertThat(receipt.status()).isEqualTo("EXECUTED");
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
    }

    @Test
    void answerAfterTheClientTimedOutIsRetriedWithTheSameKeyAndMakesExactlyOneOrder() {
        fake.delayNext(1, LATE_MILLIS);

        GiftCardReceipt receipt = provider.order(order("reward-1", "25.00"));

        assertThat(receipt.existing()).isTrue();
        assertThat(fake.requestCount()).isEqualTo(2);
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
    void conflict409IsNotRetried() {
        provider.order(order("reward-1", "25.00"));

        GiftCardException e = catchThrowableOfType(GiftCardException.class,
                () -> provider.order(order("reward-1", "50.00")));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("409").contains("same external_id, different payload");
        assertThat(fake.requestCount()).isEqualTo(2);
        assertThat(fake.orderCount()).isEqualTo(1);
    }

    @Test
    void validationError400IsNotRetriedAndCarriesTremendousOwnMessage() {
        GiftCardException e = catchThrowableOfType(GiftCardException.class,
                () -> provider.order(new GiftCardOrder("reward-1", new BigDecimal("25.00"), "usd", "ada@example.com",
                        "Ada Lovelace", "Thank you for your referral!")));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).startsWith("Tremendous answered 400: Validation failed")
                .contains("reward.value.currency_code").doesNotContain("\"payload\"");
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
        assertThat(fake.orderCount()).isZero();
    }

    @Test
    void a429IsRetriedAndThenSucceeds() {
        fake.failNextRequests(1, 429);

        GiftCardReceipt receipt = provider.order(order("reward-1", "25.00"));

        assertThat(receipt.existing()).isFalse();
        assertThat(fake.requestCount()).isEqualTo(2);
        assertThat(fake.orderCount()).isEqualTo(1);
    }

    @Test
    void wrongApiKeyIs401AndNotRetried() {
        GiftCardException e = catchThrowableOfType(GiftCardException.class,
                () -> provider("TEST_wrong-key").order(order("reward-1", "25.00")));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("401");
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void isConfiguredOnlyWithAnApiKey() {
        assertThat(provider.configured()).isTrue();
        assertThat(provider(null).configured()).isFalse();
        assertThat(provider.name()).isEqualTo("tremendous");
    }

    @Test
    void propertiesToStringMasksTheApiKey() {
        assertThat(properties(API_KEY).toString()).doesNotContain(API_KEY).contains("****");
    }

    private TremendousProvider provider(String apiKey) {
        return new TremendousProvider(properties(apiKey), new ObjectMapper());
    }

    private TremendousProperties properties(String apiKey) {
        return new TremendousProperties(URI.create(fake.baseUrl()), apiKey, "balance", List.of("OKMHM2X2OHYV"),
                null, TIMEOUT, 3);
    }

    private static GiftCardOrder order(String key, String amount) {
        return new GiftCardOrder(key, new BigDecimal(amount), "USD", "ada@example.com", "Ada Lovelace",
                "Thank you for your referral!");
    }
}
