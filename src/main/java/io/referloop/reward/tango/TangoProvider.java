package io.referloop.reward.tango;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * Tango Card RaaS v2 {@code POST /orders} over the JDK's HTTP client, idempotent on {@code externalRefID}
 * (per account): 201 is a new order, 200 the order Tango already had for that key (the original one, even
 * if the item differs).
 * <p>
 * Tango allows 1 request per second. Every attempt passes a Resilience4j RateLimiter of one permit per second
 * and, because that limiter refreshes in fixed one-second cycles (two calls either side of a cycle boundary
 * can be milliseconds apart), a gap of at least one second since the previous call ended. Timeouts, resets,
 * 429 and 5xx leave the outcome unknown: as Tango advises, the client waits at least a second and retries with
 * the same request, and when attempts run out the caller gets a retryable {@link GiftCardException}.
 */
@Component
public class TangoProvider implements GiftCardProvider {

    private static final Logger log = LoggerFactory.getLogger(TangoProvider.class);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9-]{1,100}");
    private static final Duration MIN_GAP = Duration.ofSeconds(1);
    private static final long MAX_RETRY_AFTER_MILLIS = 10_000;

    private final TangoProperties properties;
    private final ObjectMapper json;
    private final HttpClient http;
    private final RateLimiter rateLimiter;
    private final Retry retry;
    private final ReentrantLock spacing = new ReentrantLock(true);
    private long lastCallEndedNanos;
    private boolean called;

    public TangoProvider(TangoProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
        // HTTP/1.1: an attempt that times out or is reset takes only its own connection down.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.timeout()).build();
        this.rateLimiter = RateLimiter.of("tango", RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(MIN_GAP)
                .timeoutDuration(Duration.ofMinutes(2))
                .build());
        this.retry = Retry.of("tango", RetryConfig.custom()
                .maxAttempts(Math.max(1, properties.maxAttempts()))
                .retryOnException(e -> e instanceof Failure f && f.retryHere)
                .intervalBiFunction((attempt, outcome) -> outcome.isLeft()
                        ? waitBefore(outcome.getLeft()) : MIN_GAP.toMillis())
                .build());
        retry.getEventPublisher().onRetry(event -> log.warn("Tango order attempt {} failed, retrying in {} ms "
                + "with the same externalRefID: {}", event.getNumberOfRetryAttempts(),
                event.getWaitInterval().toMillis(), event.getLastThrowable().getMessage()));
    }

    @Override
    public String name() {
        return "tango";
    }

    @Override
    public boolean configured() {
        return properties.configured();
    }

    @Override
    public GiftCardReceipt order(GiftCardOrder order) {
        if (!configured()) {
            throw new GiftCardException("Tango Card is off: set referloop.tango.platform-name, api-key, "
                    + "account-identifier, customer-identifier and utid", false, null);
        }
        if (order.idempotencyKey() == null || !KEY.matcher(order.idempotencyKey()).matches()) {
            throw new GiftCardException("invalid idempotency key " + order.idempotencyKey()
                    + ": 1 to 100 letters, digits or dashes", false, null);
        }
        String credentials = Base64.getEncoder().encodeToString(
                (properties.platformName() + ":" + properties.apiKey()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri("/orders"))
                .timeout(properties.timeout())
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(order)))
                .build();
        return call(RateLimiter.decorateCheckedSupplier(rateLimiter, () -> receipt(send(request))));
    }

    /**
     * The order body; built once per call, so every attempt sends exactly the same bytes. Tango charges in the
     * currency of the UTID's catalogue item: {@link GiftCardOrder#currency()} is not sent.
     */
    private byte[] body(GiftCardOrder order) {
        ObjectNode body = json.createObjectNode();
        body.put("customerIdentifier", properties.customerIdentifier());
        body.put("accountIdentifier", properties.accountIdentifier());
        body.put("utid", properties.utid());
        body.put("amount", order.amount());
        ObjectNode recipient = body.putObject("recipient");
        recipient.put("email", order.recipientEmail());
        String[] names = names(order);
        recipient.put("firstName", names[0]);
        if (!names[1].isEmpty()) {
            recipient.put("lastName", names[1]);
        }
        body.put("sendEmail", true);
        body.put("externalRefID", order.idempotencyKey());
        if (order.message() != null && !order.message().isBlank()) {
            body.put("message", order.message());
        }
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the Tango order", e);
        }
    }

    /** First and last name from the recipient's name; without one, the email's local part as first name. */
    private static String[] names(GiftCardOrder order) {
        String name = order.recipientName() == null ? "" : order.recipientName().trim();
        if (name.isEmpty()) {
            String email = order.recipientEmail() == null ? "" : order.recipientEmail();
            int at = email.indexOf('@');
            return new String[] {at > 0 ? email.substring(0, at) : email, ""};
        }
        int space = name.indexOf(' ');
        return space < 0 ? new String[] {name, ""}
                : new String[] {name.substring(0, space), name.substring(space + 1).trim()};
    }

    private GiftCardReceipt call(CheckedSupplier<GiftCardReceipt> attempt) {
        try {
            return Retry.decorateCheckedSupplier(retry, attempt).get();
        } catch (RequestNotPermitted e) {
            throw new GiftCardException("Tango Card rate limiter gave no permit in time", true, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new GiftCardException("Tango Card call failed: " + e, true, e);
        }
    }

    /** Sends at least {@link #MIN_GAP} after the previous call ended, one call at a time. */
    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            spacing.lockInterruptibly();
            try {
                if (called) {
                    long waitNanos = lastCallEndedNanos + MIN_GAP.toNanos() - System.nanoTime();
                    if (waitNanos > 0) {
                        TimeUnit.NANOSECONDS.sleep(waitNanos);
                    }
                }
                try {
                    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                } finally {
                    lastCallEndedNanos = System.nanoTime();
                    called = true;
                }
            } finally {
                spacing.unlock();
            }
        } catch (HttpTimeoutException e) {
            throw new Failure("Tango Card did not answer within " + properties.timeout().toMillis()
                    + " ms; the order may exist", true, 0, e);
        } catch (IOException e) {
            throw new Failure("Tango Card call failed (" + e + "); the order may exist", true, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while calling Tango Card; the order may exist", true, 0, e);
        }
    }

    private GiftCardReceipt receipt(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status == 200 || status == 201) {
            if (body == null || !body.hasNonNull("referenceOrderID")) {
                throw new Failure("Tango Card answered " + status + " without a referenceOrderID", true, 0, null);
            }
            return new GiftCardReceipt(body.get("referenceOrderID").asText(), body.path("status").asText(null),
                    status == 200);
        }
        String message = "Tango Card answered " + status + ": " + errorMessage(body, response.body());
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

    /** Tango's {@code i18nKey: message}, then each entry of {@code errors}. */
    private static String errorMessage(JsonNode body, byte[] raw) {
        if (body != null && body.hasNonNull("message")) {
            List<String> details = new ArrayList<>();
            body.path("errors").forEach(error -> details.add(error.path("path").asText("") + " "
                    + error.path("message").asText("")));
            String key = body.path("i18nKey").asText("");
            return (key.isEmpty() ? "" : key + ": ") + body.get("message").asText()
                    + (details.isEmpty() ? "" : " " + details);
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

    /** Tango: on an error wait (at least) a second, longer if the answer named a longer wait. */
    private static long waitBefore(Throwable error) {
        long retryAfter = error instanceof Failure f ? Math.min(f.retryAfterMillis, MAX_RETRY_AFTER_MILLIS) : 0;
        return Math.max(MIN_GAP.toMillis(), retryAfter);
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
