package io.referloop.giftcard;

import io.referloop.demo.GiftCardFake;
import io.referloop.reward.GiftCardException;
import io.referloop.reward.GiftCardOrder;
import io.referloop.reward.GiftCardProvider;
import io.referloop.reward.GiftCardReceipt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What every gift-card provider promises against its API (a fake of it): one order per idempotency key, whatever the
 * network does, and an error that says whether to try again. Each provider's test supplies its fake and what its API
 * answers; what only one API does is tested there.
 */
public abstract class GiftCardProviderContract<F extends GiftCardFake<F>> {

    // generous: on a loaded machine a local fake can take a few hundred ms, which would look like a timeout
    protected static final Duration TIMEOUT = Duration.ofMillis(1500);
    private static final int LATE_MILLIS = 3000;
    private static final Set<Class<?>> WARMED = ConcurrentHashMap.newKeySet();

    /**
     * What the API under test accepts and answers.
     *
     * @param apiKey        the key the fake accepts
     * @param wrongApiKey   a key of the right form that the fake does not accept
     * @param orderIdPrefix how the API's order ids begin
     * @param placedStatus  the status the API gives an order it placed
     */
    public record Api(String apiKey, String wrongApiKey, String orderIdPrefix, String placedStatus) {
    }

    private final Api api;
    protected F fake;
    protected GiftCardProvider provider;

    protected GiftCardProviderContract(Api api) {
        this.api = api;
    }

    protected abstract F startFake();

    /** The provider against {@link #fake}, with this API key. */
    protected abstract GiftCardProvider provider(String apiKey);

    @BeforeEach
    void startTheFake() {
        if (WARMED.add(getClass())) {
            warmUp();
        }
        fake = startFake();
        provider = provider(api.apiKey());
    }

    /**
     * The first order of a test class loads the HTTP client, the JSON mapping and the fake's server; on a busy machine
     * that can outlast {@link #TIMEOUT} and would read as a timeout. So one order against a fake of its own goes first.
     */
    private void warmUp() {
        fake = startFake();
        try {
            provider(api.apiKey()).order(order("warm-up", "25.00"));
        } catch (GiftCardException slowStart) {
            // what was to be loaded is loaded
        } finally {
            fake.close();
        }
    }

    @AfterEach
    void stopTheFake() {
        fake.close();
    }

    @Test
    public void aNewOrderIsPlacedAndNotExisting() {
        GiftCardReceipt receipt = provider.order(order("reward-1", "25.00"));

        assertThat(receipt.providerOrderId()).startsWith(api.orderIdPrefix());
        assertThat(receipt.status()).isEqualTo(api.placedStatus());
        assertThat(receipt.existing()).isFalse();
        assertThat(fake.orderedExternalIds()).containsExactly("reward-1");
    }

    @Test
    public void sameOrderTwiceIsOneOrderAndTheSecondReceiptIsExisting() {
        GiftCardReceipt first = provider.order(order("reward-1", "25.00"));
        GiftCardReceipt second = provider.order(order("reward-1", "25.00"));

        assertThat(second.existing()).isTrue();
        assertThat(second.providerOrderId()).isEqualTo(first.providerOrderId());
        assertThat(fake.orderCount()).isEqualTo(1);
    }

    @Test
    public void answerAfterTheClientTimedOutIsRetriedWithTheSameKeyAndMakesExactlyOneOrder() {
        fake.delayNext(1, LATE_MILLIS);

        GiftCardReceipt receipt = provider.order(order("reward-1", "25.00"));

        assertThat(receipt.existing()).isTrue();
        assertThat(fake.requestCount()).isEqualTo(2);
        assertThat(fake.orderedExternalIds()).containsExactly("reward-1");
    }

    @Test
    public void connectionResetAfterTheOrderWasRecordedIsRetriedWithTheSameKeyAndMakesOneOrder() {
        fake.resetConnectionAfterRecordingNext(1);

        GiftCardReceipt receipt = provider.order(order("reward-1", "25.00"));

        assertThat(receipt.existing()).isTrue();
        assertThat(fake.requestCount()).isEqualTo(2);
        assertThat(fake.orderedExternalIds()).containsExactly("reward-1");
    }

    @Test
    public void persistent5xxEndsInARetryableGiftCardExceptionAfterMaxAttempts() {
        fake.failNextRequests(10, 503);

        GiftCardException e = catchThrowableOfType(GiftCardException.class,
                () -> provider.order(order("reward-1", "25.00")));

        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("503");
        assertThat(fake.requestCount()).isEqualTo(3);
        assertThat(fake.orderCount()).isZero();
    }

    @Test
    public void wrongApiKeyIs401AndNotRetried() {
        GiftCardException e = catchThrowableOfType(GiftCardException.class,
                () -> provider(api.wrongApiKey()).order(order("reward-1", "25.00")));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("401");
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    protected static GiftCardOrder order(String key, String amount) {
        return new GiftCardOrder(key, new BigDecimal(amount), "USD", "ada@example.com", "Ada Lovelace",
                "Thank you for your referral!");
    }
}
