package io.referloop.notify;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code referloop.events.*}: the delivery of events to routes and to a Standard Webhooks receiver.
 *
 * @param webhookUrl    receiver of every event, POSTed and signed; none: no webhook
 * @param webhookSecret {@code whsec_} followed by the base64 key the receiver verifies with
 * @param interval      how often due deliveries run
 * @param maxAttempts   attempts before a delivery is given up (FAILED, counted in a metric)
 * @param timeout       of one webhook call
 */
@ConfigurationProperties("referloop.events")
public record EventsProperties(String webhookUrl, String webhookSecret,
                               @DefaultValue("1s") Duration interval,
                               @DefaultValue("12") int maxAttempts,
                               @DefaultValue("10s") Duration timeout,
                               @DefaultValue("2s") Duration firstRetry,
                               @DefaultValue("1h") Duration maxRetry) {

    public boolean webhook() {
        return webhookUrl != null && !webhookUrl.isBlank();
    }

    /** Exponential backoff: firstRetry, doubled per attempt made, at most maxRetry. */
    public Duration backoff(int attemptsMade) {
        long millis = firstRetry.toMillis() << Math.min(Math.max(attemptsMade, 0), 20);
        return Duration.ofMillis(Math.min(millis, maxRetry.toMillis()));
    }
}
