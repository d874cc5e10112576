package io.referloop.giftcard;

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
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What every gift-card API client does the same way: {@code POST /orders} (through a {@link GiftCardHttp} client)
 * with the reward's idempotency key, the same body on every attempt, and an outcome that is either an order, a
 * refusal, or unknown. Timeouts, resets, 408, 429 and 5xx leave the outcome unknown, so they are retried here
 * (Resilience4j Retry, waiting at least what the answer's {@code Retry-After} names, capped) and, when the
 * attempts run out, handed to the caller as a retryable {@link GiftCardException} to try later with the same
 * key. Any other answer but 200 or 201 is a refusal, with the provider's own message.
 *
 * @param <Q> the provider's order request body
 * @param <A> the provider's order answer body
 */
public abstract class HttpGiftCardProvider<Q, A> implements GiftCardProvider {

    private static final Logger log = LoggerFactory.getLogger(HttpGiftCardProvider.class);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9-]{1,100}");
    private static final long MAX_RETRY_AFTER_MILLIS = 10_000;

    private final ObjectMapper json;
    private final String label;
    private final Duration timeout;
    private final Retry retry;

    /**
     * @param label    the provider as messages name it ("Tango Card")
     * @param keyField the order field that carries the idempotency key, for the log
     */
    protected HttpGiftCardProvider(String label, String keyField, Duration timeout, int maxAttempts, ObjectMapper json) {
        this.json = json;
        this.label = label;
        this.timeout = timeout;
        this.retry = Retry.of(name(), RetryConfig.custom()
                .maxAttempts(Math.max(1, maxAttempts))
                .retryOnException(e -> e instanceof Failure f && f.retryHere)
                .intervalBiFunction((attempt, outcome) -> waitBefore(attempt, outcome.isLeft() ? outcome.getLeft() : null))
                .build());
        retry.getEventPublisher().onRetry(event -> log.warn("{} order attempt {} failed, retrying in {} ms with the same {}: {}",
                label, event.getNumberOfRetryAttempts(), event.getWaitInterval().toMillis(), keyField,
                event.getLastThrowable().getMessage()));
    }

    /** Each retry as it is decided, with the wait before it: what the log says, for anyone else who watches. */
    public final Retry.EventPublisher retryEvents() {
        return retry.getEventPublisher();
    }

    /** Why orders cannot be placed: which settings are missing. */
    protected abstract String offMessage();

    /** The order body, made once per order: Jackson writes the same record as the same bytes on every attempt. */
    protected abstract Q request(GiftCardOrder order);

    /** One attempt: the provider's {@code POST /orders}; a provider that must space its calls does it here. */
    protected abstract ResponseEntity<A> post(Q request);

    /** A 200 or 201 answer: the order, new or the one the provider already had for the key. */
    protected abstract GiftCardReceipt accepted(int status, A answer);

    /** The provider's own error text in an error answer's body, or null. */
    protected abstract String errorMessage(byte[] body);

    /** The wait before the next attempt when the answer named none or a shorter one. */
    protected abstract long backoff(int attempt);

    /** Wraps each attempt, e.g. in a rate limiter; as is by default. */
    protected CheckedSupplier<GiftCardReceipt> guard(CheckedSupplier<GiftCardReceipt> attempt) {
        return attempt;
    }

    /** An error answer that is not worth retrying; a provider may say more about a status it knows. */
    protected GiftCardException refused(int status, String message) {
        return new Failure(message, false, false, 0, null);
    }

    /** A success answer the client cannot read: the order may exist, so the same key is tried again. */
    protected final GiftCardException unreadable(int status, String missing) {
        return new Failure(label + " answered " + status + " without " + missing, true, true, 0, null);
    }

    /** An error body read as the provider's error shape, or null when it is not one. */
    protected final <T> T read(byte[] body, Class<T> type) {
        try {
            return body == null || body.length == 0 ? null : json.readValue(body, type);
        } catch (IOException e) {
            return null;
        }
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
        Q request = request(order);
        try {
            return Retry.decorateCheckedSupplier(retry, guard(() -> attempt(request))).get();
        } catch (RequestNotPermitted e) {
            throw new GiftCardException(label + " rate limiter gave no permit in time", true, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new GiftCardException(label + " call failed: " + e, true, e);
        }
    }

    private GiftCardReceipt attempt(Q request) {
        ResponseEntity<A> answer;
        try {
            answer = post(request);
        } catch (RestClientResponseException e) {
            throw answered(e);
        } catch (RestClientException e) {
            throw unknown(e);
        }
        return accepted(answer.getStatusCode().value(), answer.getBody());
    }

    private GiftCardException answered(RestClientResponseException e) {
        int status = e.getStatusCode().value();
        String own = errorMessage(e.getResponseBodyAsByteArray());
        String message = label + " answered " + status + ": " + (own != null ? own : raw(e.getResponseBodyAsByteArray()));
        if (status == 408 || status == 429 || status >= 500) {
            String retryAfter = e.getResponseHeaders() == null ? null : e.getResponseHeaders().getFirst("Retry-After");
            return new Failure(message, true, true, retryAfterMillis(retryAfter), null);
        }
        return refused(status, message);
    }

    /** No answer, or one that could not be read: the order may exist. An interrupted caller is not retried here. */
    private GiftCardException unknown(RestClientException e) {
        if (Thread.currentThread().isInterrupted()) {
            return new Failure("interrupted while calling " + label + "; the order may exist", true, false, 0, e);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpTimeoutException) {
                return new Failure(label + " did not answer within " + timeout.toMillis() + " ms; the order may exist",
                        true, true, 0, e);
            }
        }
        return new Failure(label + " call failed (" + e.getMostSpecificCause() + "); the order may exist", true, true, 0, e);
    }

    private static String raw(byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static long retryAfterMillis(String value) {
        try {
            return value == null ? 0 : Math.max(0, Long.parseLong(value.trim()) * 1000);
        } catch (NumberFormatException e) {
            return 0;
        }
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

        Failure(String message, boolean retryable, boolean retryHere, long retryAfterMillis, Throwable cause) {
            super(message, retryable, cause);
            this.retryHere = retryHere;
            this.retryAfterMillis = retryAfterMillis;
        }
    }
}
