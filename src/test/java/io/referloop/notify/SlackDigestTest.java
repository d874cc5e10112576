package io.referloop.notify;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What the daily digest says. */
class SlackDigestTest {

    private static final Instant NOW = Instant.parse("2026-03-10T08:00:00Z");

    @Test
    void queueOldestHeldSentAndFailures() {
        String text = SlackDigest.text(new SlackDigest.Figures(3, 17L, NOW.minus(Duration.ofDays(4)),
                new BigDecimal("250.00"), "USD", 5, 1, 2), NOW, "https://referrals.example.com");
        assertThat(text).contains("Review queue: 3 rewards held",
                "oldest: 250.00 USD, waiting 4 days: https://referrals.example.com/console/review/17",
                "Rewards sent in the last 24 h: 5", "Failures: 1 failed rewards, 2 event deliveries given up");
    }

    @Test
    void anEmptyQueueNamesNoOldest() {
        String text = SlackDigest.text(new SlackDigest.Figures(0, null, null, null, null, 0, 0, 0), NOW, "http://x");
        assertThat(text).contains("Review queue: 0 rewards held").doesNotContain("oldest");
    }
}
