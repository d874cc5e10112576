package io.referloop.giftcard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.referloop.reward.GiftCardException;
import io.referloop.reward.GiftCardOrder;
import io.referloop.reward.GiftCardProvider;
import io.referloop.reward.GiftCardReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What every gift-card API client does the same way: {@code POST /orders} over the JDK's HTTP client with
 * the reward's idempotency key, the same bytes on every attempt, and an outcome that is either an order, a
 * refusal, or unknown. Timeouts, resets, 408, 429 and 5xx leave the outcome unknown, so they are retried here
 * (Resilience4j Retry, waiting at least what the answer's {@code Retry-After} names, capped) and, when the
 * attempts run out, handed to the caller as a retryable {@link GiftCardException} to try later with the same
 * key. A provider says how to authenticate, what to send and how to read its answers.
 */
public abstract class HttpGiftCardProvider implements GiftCardProvider {

    private static final Logger log = LoggerFactory.getLogger(HttpGiftCardProvider.class);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9-]{1,100}");
    private static final long MAX_RETRY_AFTER_MILLIS = 10_000;

    protected final ObjectMapper json;
    private final String label;
    private final Duration timeout;
    private final HttpClient http;
    private final Retry retry;

    /**
     * @param label    the provider as messages name it ("Tango Card")
     * @param keyField the order field that carries the idempotency key, for the log
     */
    protected HttpGiftCardProvider(String label, String keyField, Duration timeout, int maxAttempts, ObjectMapper json) {
        this.json = json;
        this.label = label;
        this.timeout = timeout;
        // HTTP/1.1: an attempt that times out or is reset takes only its own connection down.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.retry = Retry.of(name(), RetryConfig.custom()
                .maxAttempts(Math.max(1, maxAttempts))
                .retryOnException(e -> e instanceof Failure f && f.retryHere)
                .intervalBiFunction((attempt, outcome) -> waitBefore(attempt, outcome.isLeft() ? outcome.getLeft() : null))
                .build());
        retry.getEventPublisher().onRetry(event -> log.warn("{} order attempt {} failed, retrying in {} ms with the same {}: {}",
                label, event.getNumberOfRetryAttempts(), event.getWaitInterval().toMillis(), keyField,
                event.getLastThrowable().getMessage()));
    }

    /** Why orders cannot be placed: which settings are missing. */
    protected abstract String offMessage();

    protected abstract URI baseUrl();

    protected abstract String authorization();

    /** The order body; built once per order, so every attempt sends exactly the same bytes. */
    protected abstract byte[] body(GiftCardOrder order);

    /** A 200 or 201 answer: the order, new or the one the provider already had for the key. */
    protected abstract GiftCardReceipt accepted(int status, JsonNode body);

    /** The provider's own error text in an error answer, or null. */
    protected abstract String errorMessage(JsonNode body);

    /** The wait before the next attempt when the answer named none or a shorter one. */
    protected abstract long backoff(int attempt);

    /** Wraps each attempt, e.g. in a rate limiter; as is by default. */
    protected CheckedSupplier<GiftCardReceipt> guard(CheckedSupplier<GiftCardReceipt> attempt) {
        return attempt;
    }

    /** Sends one attempt; a provider that must space its calls overrides this. */
    protected HttpResponse<byte[]> exchange(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** An error answer that is not worth retrying; a provider may say more about a status it knows. */
    protected GiftCardException refused(int status, String message) {
        return new Failure(message, false, 0, null);
    }

    /** A success answer the client cannot read: the order may exist, so the same key is tried again. */
    protected final GiftCardException unreadable(int status, String missing) {
        return new Failure(label + " answered " + status + " without " + missing, true, 0, null);
    }

    @Override
    public final GiftCardReceipt order(GiftCardOrder order) {
        if (!configured()) {
            throw new GiftCardException(offMessage(), false, null);
        }
        if (order.idempotencyKey() == null || !KEY.matcher(order.idempotencyKey()).matches()) {
            throw new GiftCardException("invalid idempotency key " + order.idempotencyKey()
                    + ": 1 to 100 letters, digits or dashes", false, null);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl().toString().replaceAll("/+$", "") + "/orders"))
                .timeout(timeout)
                .header("Authorization", authorization())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(order)))
                .build();
        try {
            return Retry.decorateCheckedSupplier(retry, guard(() -> receipt(send(request)))).get();
        } catch (RequestNotPermitted e) {
            throw new GiftCardException(label + " rate limiter gave no permit in time", true, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new GiftCardException(label + " call failed: " + e, true, e);
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return exchange(request);
        } catch (HttpTimeoutException e) {
            throw new Failure(label + " did not answer within " + timeout.toMillis() + " ms; the order may exist", true, 0, e);
        } catch (IOException e) {
            throw new Failure(label + " call failed (" + e + "); the order may exist", true, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while calling " + label + "; the order may exist", true, 0, e);
        }
    }

    private GiftCardReceipt receipt(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status == 200 || status == 201) {
            return accepted(status, body);
        }
        String own = body == null ? null : errorMessage(body);
        String message = label + " answered " + status + ": " + (own != null ? own : raw(response.body()));
        if (status == 408 || status == 429 || status >= 500) {
            throw new Failure(message, true, retryAfterMillis(response), null);
        }
        throw refused(status, message);
    }

    private JsonNode parse(byte[] body) {
        try {
            return body == null || body.length == 0 ? null : json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String raw(byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
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

    private long waitBefore(int attempt, Throwable error) {
        long retryAfter = error instanceof Failure f ? Math.min(f.retryAfterMillis, MAX_RETRY_AFTER_MILLIS) : 0;
        return Math.max(retryAfter, backoff(attempt));
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
