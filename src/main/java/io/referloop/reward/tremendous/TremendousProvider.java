package io.referloop.reward.tremendous;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.referloop.reward.GiftCardException;
import io.referloop.reward.GiftCardOrder;
import io.referloop.reward.GiftCardProvider;
import io.referloop.reward.GiftCardReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Tremendous API v2 {@code POST /orders} over the JDK's HTTP client, idempotent on {@code external_id}
 * (the order's idempotency key): 200 is a new order, 201 the order Tremendous already had for that key and
 * payload, 409 the same key with a different payload (a bug, never retried).
 * <p>
 * Timeouts, resets, 429 and 5xx leave the outcome unknown, so they are retried here (Resilience4j Retry, short
 * backoff) with byte-for-byte the same request; when the attempts run out the caller gets a retryable
 * {@link GiftCardException} and tries again later with the same key.
 */
@Component
public class TremendousProvider implements GiftCardProvider {

    private static final Logger log = LoggerFactory.getLogger(TremendousProvider.class);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9-]{1,100}");
    private static final long MAX_RETRY_AFTER_MILLIS = 10_000;

    private final TremendousProperties properties;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Retry retry;

    public TremendousProvider(TremendousProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
        // HTTP/1.1: an attempt that times out or is reset takes only its own connection down.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.timeout()).build();
        this.retry = Retry.of("tremendous", RetryConfig.custom()
                .maxAttempts(Math.max(1, properties.maxAttempts()))
                .retryOnException(e -> e instanceof Failure f && f.retryHere)
                .intervalBiFunction((attempt, outcome) -> outcome.isLeft()
                        ? waitBefore(attempt, outcome.getLeft()) : backoff(attempt))
                .build());
        retry.getEventPublisher().onRetry(event -> log.warn("Tremendous order attempt {} failed, retrying in {} ms "
                + "with the same external_id: {}", event.getNumberOfRetryAttempts(),
                event.getWaitInterval().toMillis(), event.getLastThrowable().getMessage()));
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
    public GiftCardReceipt order(GiftCardOrder order) {
        if (!configured()) {
            throw new GiftCardException("Tremendous is off: set referloop.tremendous.api-key", false, null);
        }
        if (order.idempotencyKey() == null || !KEY.matcher(order.idempotencyKey()).matches()) {
            throw new GiftCardException("invalid idempotency key " + order.idempotencyKey()
                    + ": 1 to 100 letters, digits or dashes", false, null);
        }
        HttpRequest request = HttpRequest.newBuilder(uri("/orders"))
                .timeout(properties.timeout())
                .header("Authorization", "Bearer " + properties.apiKey())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(order)))
                .build();
        return call(() -> receipt(send(request)));
    }

    /** The order body; built once per call, so every attempt sends exactly the same bytes. */
    private byte[] body(GiftCardOrder order) {
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

    private GiftCardReceipt call(CheckedSupplier<GiftCardReceipt> attempt) {
        try {
            return Retry.decorateCheckedSupplier(retry, attempt).get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new GiftCardException("Tremendous call failed: " + e, true, e);
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new Failure("Tremendous did not answer within " + properties.timeout().toMillis()
                    + " ms; the order may exist", true, 0, e);
        } catch (IOException e) {
            throw new Failure("Tremendous call failed (" + e + "); the order may exist", true, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while calling Tremendous; the order may exist", true, 0, e);
        }
    }

    private GiftCardReceipt receipt(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status == 200 || status == 201) {
            JsonNode order = body == null ? null : body.path("order");
            if (order == null || !order.hasNonNull("id")) {
                throw new Failure("Tremendous answered " + status + " without an order id", true, 0, null);
            }
            return new GiftCardReceipt(order.get("id").asText(), order.path("status").asText(null), status == 201);
        }
        String message = "Tremendous answered " + status + ": " + errorMessage(body, response.body());
        if (status == 409) {
            throw new Failure(message + " (same external_id, different payload)", false, 0, null);
        }
        if (status == 408 || status == 429 || status >= 500) {
            throw new Failure(message, true, retryAfterMillis(response), null);
        }
        throw new Failure(message, false, 0, null);
    }

    private JsonNode parse(byte[] body) {
        try {
            return body == null || body.length == 0 ? null : json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String errorMessage(JsonNode body, byte[] raw) {
        JsonNode message = body == null ? null : body.path("errors").get("message");
        if (message != null && message.isTextual()) {
            return message.asText();
        }
        String text = raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static long retryAfterMillis(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                return Math.max(0, Long.parseLong(value.trim()) * 1000);
            } catch (NumberFormatException e) {
                return 0L;
            }
        }).orElse(0L);
    }

    private static long waitBefore(int attempt, Throwable error) {
        long retryAfter = error instanceof Failure f ? Math.min(f.retryAfterMillis, MAX_RETRY_AFTER_MILLIS) : 0;
        return Math.max(retryAfter, backoff(attempt));
    }

    private static long backoff(int attempt) {
        return Math.min(2_000L, 200L * (1L << Math.min(10, Math.max(0, attempt - 1))));
    }

    private URI uri(String path) {
        return URI.create(properties.baseUrl().toString().replaceAll("/+$", "") + path);
    }

    /**
     * A failed attempt. {@code retryable} is for the caller (same key, later); {@code retryHere} says this client
     * may try again now (not after an interrupt).
     */
    private static final class Failure extends GiftCardException {

        final boolean retryHere;
        final long retryAfterMillis;

        Failure(String message, boolean retryable, long retryAfterMillis, Throwable cause) {
            super(message, retryable, cause);
            this.retryHere = retryable && !(cause instanceof InterruptedException);
            this.retryAfterMillis = retryAfterMillis;
        }
    }
}
