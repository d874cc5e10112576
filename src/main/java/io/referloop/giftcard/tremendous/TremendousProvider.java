package io.referloop.giftcard.tremendous;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.giftcard.GiftCardHttp;
import io.referloop.giftcard.HttpGiftCardProvider;
import io.referloop.giftcard.tremendous.TremendousApi.OrderAnswer;
import io.referloop.giftcard.tremendous.TremendousApi.OrderRequest;
import io.referloop.reward.GiftCardException;
import io.referloop.reward.GiftCardOrder;
import io.referloop.reward.GiftCardReceipt;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Tremendous API v2 {@code POST /orders}, idempotent on {@code external_id} (the order's idempotency key):
 * 200 is a new order, 201 the order Tremendous already had for that key and payload, 409 the same key with a
 * different payload (a bug, never retried). Retries and error handling: {@link HttpGiftCardProvider}.
 */
@Component
public class TremendousProvider extends HttpGiftCardProvider<OrderRequest, OrderAnswer> {

    private final TremendousProperties properties;
    private final TremendousApi api;

    public TremendousProvider(TremendousProperties properties, ObjectMapper json) {
        super("Tremendous", "external_id", properties.timeout(), properties.maxAttempts(), json);
        this.properties = properties;
        this.api = GiftCardHttp.client(TremendousApi.class, properties.baseUrl(), "Bearer " + properties.apiKey(),
                properties.timeout(), json);
    }

    @Override
    public String name() {
        return "tremendous";
    }

    @Override
    public boolean configured() {
        return properties.configured();
    }

    @Override
    protected String offMessage() {
        return "Tremendous is off: set referloop.tremendous.api-key";
    }

    @Override
    protected OrderRequest request(GiftCardOrder order) {
        String campaign = blank(properties.campaignId()) ? null : properties.campaignId();
        var products = properties.productIds() == null || properties.productIds().isEmpty()
                ? null : properties.productIds();
        String name = blank(order.recipientName()) ? null : order.recipientName();
        return new OrderRequest(order.idempotencyKey(), new TremendousApi.Payment(properties.fundingSourceId()),
                new TremendousApi.Reward(campaign, products,
                        new TremendousApi.Value(order.amount(), order.currency()),
                        new TremendousApi.Recipient(name, order.recipientEmail()),
                        new TremendousApi.Delivery("EMAIL")));
    }

    @Override
    protected ResponseEntity<OrderAnswer> post(OrderRequest request) {
        return api.createOrder(request);
    }

    @Override
    protected GiftCardReceipt accepted(int status, OrderAnswer answer) {
        if (answer == null || answer.order() == null || answer.order().id() == null) {
            throw unreadable(status, "an order id");
        }
        return new GiftCardReceipt(answer.order().id(), answer.order().status(), status == 201);
    }

    @Override
    protected GiftCardException refused(int status, String message) {
        return super.refused(status, status == 409 ? message + " (same external_id, different payload)" : message);
    }

    @Override
    protected String errorMessage(byte[] body) {
        TremendousApi.Error error = read(body, TremendousApi.Error.class);
        return error == null || error.errors() == null ? null : error.errors().message();
    }

    @Override
    protected long backoff(int attempt) {
        return Math.min(2_000L, 200L * (1L << Math.min(10, Math.max(0, attempt - 1))));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
