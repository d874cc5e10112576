package io.referloop.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * POSTs every event to {@code referloop.events.webhook-url} as Standard Webhooks say: headers {@code webhook-id}
 * (the event id, the same on every retry), {@code webhook-timestamp} (unix seconds of this attempt) and
 * {@code webhook-signature}. 2xx: delivered. 5xx, 408 and timeouts: retried with exponential backoff. 429: retried
 * after the receiver's {@code Retry-After}, never sooner. Other 4xx: the receiver refuses it for good (FAILED).
 * In order per advocate. The JDK client is used: it never retries on its own.
 */
@Component
public class WebhookDelivery {

    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);

    private final EventOutbox outbox;
    private final EventsProperties properties;
    private final Clock clock;
    private final HttpClient http;
    private final WebhookSignature signature;
    private final Counter failures;
    private final Counter givenUp;

    WebhookDelivery(EventOutbox outbox, EventsProperties properties, Clock clock, MeterRegistry meters) {
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
        this.signature = properties.webhook() ? new WebhookSignature(properties.webhookSecret()) : null;
        this.failures = Counter.builder("referloop.events.delivery.failures").tag("channel", "webhook")
                .description("failed attempts to deliver an event to the webhook receiver").register(meters);
        this.givenUp = Counter.builder("referloop.events.delivery.given.up").tag("channel", "webhook")
                .description("events given up after the last attempt (status FAILED)").register(meters);
        Gauge.builder("referloop.events.pending", () -> outbox.count(EventOutbox.Channel.WEBHOOK, EventOutbox.PENDING))
                .tag("channel", "webhook").register(meters);
    }

    /**
     * Sends what is due; delivered events are marked together at the end of the run (a crash before that sends them
     * again, with the same {@code webhook-id}).
     */
    public int deliverDue() {
        if (signature == null) {
            return 0;
        }
        return InOrder.deliver(outbox, EventOutbox.Channel.WEBHOOK, 100, Instant.now(clock), this::deliver);
    }

    private boolean deliver(EventOutbox.Row row, InOrder.Marks marks) {
        long timestamp = Instant.now(clock).getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.webhookUrl()))
                .timeout(properties.timeout())
                .header("content-type", "application/json")
                .header("webhook-id", row.eventId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature.sign(row.eventId(), timestamp, row.json()))
                .POST(HttpRequest.BodyPublishers.ofString(row.json(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            return failed(row, "no answer: " + e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            marks.delivered(row);
            return true;
        }
        if (status == 429) {
            Duration wait = retryAfter(response.headers().firstValue("retry-after"), Instant.now(clock))
                    .orElse(properties.backoff(row.attempts()));
            return failed(row, "HTTP 429", wait);
        }
        if (status >= 500 || status == 408) {
            return failed(row, "HTTP " + status, null);
        }
        failures.increment();
        givenUp.increment();
        outbox.mark(EventOutbox.Channel.WEBHOOK, row.id(), EventOutbox.FAILED, "HTTP " + status + ": refused");
        log.error("Webhook receiver refused event {} ({}) with HTTP {}; not retried", row.eventId(), row.type(), status);
        return true;
    }

    /** A failed attempt: retried after the backoff, or after {@code wait} when the receiver said so; given up at the last. */
    private boolean failed(EventOutbox.Row row, String error, Duration wait) {
        failures.increment();
        if (row.attempts() + 1 >= properties.maxAttempts()) {
            givenUp.increment();
            outbox.mark(EventOutbox.Channel.WEBHOOK, row.id(), EventOutbox.FAILED, error);
            log.error("Webhook delivery of event {} ({}) given up after {} attempts: {}", row.eventId(), row.type(),
                    row.attempts() + 1, error);
            return true;
        }
        Duration delay = wait != null ? wait : properties.backoff(row.attempts());
        log.warn("Webhook delivery of event {} ({}) failed ({}), retry in {}", row.eventId(), row.type(), error, delay);
        outbox.retryLater(EventOutbox.Channel.WEBHOOK, row.id(), error, delay, true);
        return false;
    }

    /** {@code Retry-After}: delay in seconds, or an HTTP date. */
    static Optional<Duration> retryAfter(Optional<String> header, Instant now) {
        return header.map(String::trim).flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    Duration left = Duration.between(now, at);
                    return Optional.of(left.isNegative() ? Duration.ZERO : left);
                } catch (RuntimeException unreadable) {
                    return Optional.empty();
                }
            }
        });
    }
}
