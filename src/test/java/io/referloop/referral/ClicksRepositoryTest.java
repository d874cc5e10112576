package io.referloop.referral;

import io.referloop.support.RepositorySlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;

import static io.referloop.support.FixedClock.NOW;
import static org.assertj.core.api.Assertions.assertThat;

@RepositorySlice
class ClicksRepositoryTest {

    private static final Instant WINDOW_START = NOW.minus(Duration.ofDays(30));

    @Autowired
    Clicks clicks;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aClickInsideTheWindowIsFound() {
        clicks.record("ADA12345", NOW.minus(Duration.ofDays(2)), "Mozilla/5.0");

        assertThat(clicks.anyBetween("ADA12345", WINDOW_START, NOW)).isTrue();
    }

    @Test
    void aClickBeforeTheWindowIsNotFound() {
        clicks.record("ADA12345", WINDOW_START.minusSeconds(1), "Mozilla/5.0");

        assertThat(clicks.anyBetween("ADA12345", WINDOW_START, NOW)).isFalse();
    }

    @Test
    void aClickAfterTheWindowIsNotFound() {
        clicks.record("ADA12345", NOW.plusSeconds(1), "Mozilla/5.0");

        assertThat(clicks.anyBetween("ADA12345", WINDOW_START, NOW)).isFalse();
    }

    @Test
    void clicksAtEitherEndOfTheWindowAreInside() {
        clicks.record("ADA12345", WINDOW_START, null);
        clicks.record("GRACE234", NOW, null);

        assertThat(clicks.anyBetween("ADA12345", WINDOW_START, NOW)).isTrue();
        assertThat(clicks.anyBetween("GRACE234", WINDOW_START, NOW)).isTrue();
    }

    @Test
    void aClickOnAnotherCodeDoesNotCount() {
        clicks.record("GRACE234", NOW, "Mozilla/5.0");

        assertThat(clicks.anyBetween("ADA12345", WINDOW_START, NOW)).isFalse();
    }

    @Test
    void aVeryLongUserAgentIsKeptToItsFirst500Characters() {
        String agent = "A".repeat(500) + "B".repeat(300);

        clicks.record("ADA12345", NOW, agent);

        assertThat(jdbc.sql("SELECT user_agent FROM referral_click WHERE code = 'ADA12345'").query(String.class).single())
                .isEqualTo("A".repeat(500));
    }
}
