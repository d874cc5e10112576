package io.referloop.giftcard.tremendous;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.referloop.giftcard.HttpGiftCardProvider;
import io.referloop.reward.GiftCardException;
import io.referloop.reward.GiftCardOrder;
import io.referloop.reward.GiftCardReceipt;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;

/**
 * Tremendous API v2 {@code POST /orders}, idempotent on {@code external_id} (the order's idempotency key):
 * 200 is a new order, 201 the order Tremendous already had for that key and payload, 409 the same key with a
 * different payload (a bug, never retried). Retries and error handling: {@link HttpGiftCardProvider}.
 */
@Component
public class TremendousProvider extends HttpGiftCardProvider {

    private final TremendousProperties properties;

    public TremendousProvider(TremendousProperties properties, ObjectMapper json) {
        super("Tremendous", "external_id", properties.timeout(), properties.maxAttempts(), json);
        this.properties = properties;
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
    protected URI baseUrl() {
        return properties.baseUrl();
    }

    @Override
    protected String authorization() {
        return "Bearer " + properties.apiKey();
    }

    @Override
    protected byte[] body(GiftCardOrder order) {
        ObjectNode body = json.createObjectNode();
        body.put("external_id", order.idempotencyKey());
        body.putObject("payment").put("funding_source_id", properties.fundingSourceId());
        ObjectNode reward = body.putObject("reward");
        if (properties.campaignId() != null && !properties.campaignId().isBlank()) {
            reward.put("campaign_id", properties.campaignId());
        }
        if (properties.productIds() != null && !properties.productIds().isEmpty()) {
            ArrayNode products = reward.putArray("products");
            properties.productIds().forEach(products::add);
        }
        ObjectNode value = reward.putObject("value");
        value.put("denomination", order.amount());
        value.put("currency_code", order.currency());
        ObjectNode recipient = reward.putObject("recipient");
        if (order.recipientName() != null && !order.recipientName().isBlank()) {
            recipient.put("name", order.recipientName());
        }
        recipient.put("email", order.recipientEmail());
        reward.putObject("delivery").put("method", "EMAIL");
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the Tremendous order", e);
        }
    }

    @Override
    protected GiftCardReceipt accepted(int status, JsonNode body) {
        JsonNode order = body == null ? null : body.path("order");
        if (order == null || !order.hasNonNull("id")) {
            throw unreadable(status, "an order id");
        }
        return new GiftCardReceipt(order.get("id").asText(), order.path("status").asText(null), status == 201);
    }

    @Override
    protected GiftCardException refused(int status, String message) {
        return super.refused(status, status == 409 ? message + " (same external_id, different payload)" : message);
    }

    @Override
    protected String errorMessage(JsonNode body) {
        JsonNode message = body.path("errors").get("message");
        return message != null && message.isTextual() ? message.asText() : null;
    }

    @Override
    protected long backoff(int attempt) {
        return Math.min(2_000L, 200L * (1L << Math.min(10, Math.max(0, attempt - 1))));
    }
}
