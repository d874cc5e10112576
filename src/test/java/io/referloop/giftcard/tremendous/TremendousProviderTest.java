package io.referloop.giftcard.tremendous;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.demo.FakeTremendous;
import io.referloop.giftcard.GiftCardProviderContract;
import io.referloop.reward.GiftCardException;
import io.referloop.reward.GiftCardOrder;
import io.referloop.reward.GiftCardReceipt;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TremendousProviderTest extends GiftCardProviderContract<FakeTremendous> {

    private static final String API_KEY = "TEST_provider-key";

    TremendousProviderTest() {
        super(new Api(API_KEY, "TEST_wrong-key", "ORD", "EXECUTED"));
    }

    @Override
    protected FakeTremendous startFake() {
        return new FakeTremendous(API_KEY).start();
    }

    @Override
    protected TremendousProvider provider(String apiKey) {
        return new TremendousProvider(properties(apiKey), new ObjectMapper());
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
    void a429IsRetriedAndThenSucceeds() {
        fake.failNextRequests(1, 429);

        GiftCardReceipt receipt = provider.order(order("reward-1", "25.00"));

        assertThat(receipt.existing()).isFalse();
        assertThat(fake.requestCount()).isEqualTo(2);
        assertThat(fake.orderCount()).isEqualTo(1);
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

    private TremendousProperties properties(String apiKey) {
        return new TremendousProperties(URI.create(fake.baseUrl()), apiKey, "balance", List.of("OKMHM2X2OHYV"),
                null, TIMEOUT, 3);
    }
}
