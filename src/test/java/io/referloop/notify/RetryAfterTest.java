package io.referloop.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A 429's Retry-After, in seconds or as an HTTP date, is how long the receiver wants us to wait. */
class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void secondsOrAnHttpDate() {
        assertThat(WebhookDelivery.retryAfter(Optional.of("120"), NOW)).contains(Duration.ofSeconds(120));
        assertThat(WebhookDelivery.retryAfter(Optional.of("Sun, 01 Mar 2026 10:01:30 GMT"), NOW))
                .contains(Duration.ofSeconds(90));
        assertThat(WebhookDelivery.retryAfter(Optional.of("Sun, 01 Mar 2026 09:00:00 GMT"), NOW)).contains(Duration.ZERO);
    }

    @Test
    void noneOrUnreadableLeavesTheBackoff() {
        assertThat(WebhookDelivery.retryAfter(Optional.empty(), NOW)).isEmpty();
        assertThat(WebhookDelivery.retryAfter(Optional.of("soon"), NOW)).isEmpty();
    }
}
