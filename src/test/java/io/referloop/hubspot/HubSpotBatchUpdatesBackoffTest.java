package io.referloop.hubspot;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.referloop.crm.CrmAdapter.WriteFailure;
import io.referloop.outbox.CrmWrite;
import io.referloop.outbox.CrmWriteBatch;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch update HubSpot failed without naming a wait is tried again after {@code referloop.hubspot.retry.write-backoff},
 * doubled with each attempt of its rows up to ten minutes; while the circuit breaker is open it waits that base.
 */
class HubSpotBatchUpdatesBackoffTest {

    private static final HubSpotApiException DOWN = new HubSpotApiException(503, null, "down", 0, null);

    @Test
    void theConfiguredBaseDoublesWithEachAttemptUpToTenMinutes() {
        HubSpotBatchUpdates updates = updates(new HubSpotRetryDelays(null, null, Duration.ofSeconds(1), null));

        assertThat(IntStream.rangeClosed(0, 12).mapToObj(attempts -> updates.failed(DOWN, batch(attempts)).delay()))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                        Duration.ofSeconds(16), Duration.ofSeconds(32), Duration.ofSeconds(64), Duration.ofSeconds(128),
                        Duration.ofSeconds(256), Duration.ofSeconds(512), Duration.ofMinutes(10), Duration.ofMinutes(10),
                        Duration.ofMinutes(10));
    }

    @Test
    void unsetTheBackoffIsFiveSecondsDoubledUpToTenMinutesAsItAlwaysWas() {
        HubSpotBatchUpdates updates = updates(HubSpotRetryDelays.DEFAULTS);

        assertThat(IntStream.rangeClosed(0, 9).mapToObj(attempts -> updates.failed(DOWN, batch(attempts)).delay()))
                .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
                        Duration.ofSeconds(80), Duration.ofSeconds(160), Duration.ofSeconds(320), Duration.ofMinutes(10),
                        Duration.ofMinutes(10), Duration.ofMinutes(10));
    }

    @Test
    void theBackoffGrowsWithTheMostAttemptedRowOfTheBatch() {
        HubSpotBatchUpdates updates = updates(new HubSpotRetryDelays(null, null, Duration.ofMillis(500), null));
        CrmWriteBatch batch = CrmWriteBatch.of(List.of(row(1, "101", 0), row(2, "102", 3)), HubSpotClient.BATCH_LIMIT).get(0);

        assertThat(updates.failed(DOWN, batch)).isEqualTo(WriteFailure.retry(DOWN.getMessage(), Duration.ofSeconds(4)));
    }

    @Test
    void aWaitHubSpotNamesIsWaitedInsteadOfTheBackoff() {
        HubSpotApiException limited = new HubSpotApiException(429, null, "slow down", 1_500, null);

        assertThat(updates(HubSpotRetryDelays.DEFAULTS).failed(limited, batch(4)).delay()).isEqualTo(Duration.ofMillis(1_500));
    }

    @Test
    void whileTheCircuitBreakerIsOpenTheBatchWaitsTheConfiguredBaseWithoutCountingAnAttempt() {
        HubSpotBatchUpdates updates = updates(new HubSpotRetryDelays(null, null, Duration.ofMillis(500), null));
        CallNotPermittedException open = CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("hubspot"));

        assertThat(updates.failed(open, batch(3)))
                .isEqualTo(WriteFailure.postpone("HubSpot circuit breaker open", Duration.ofMillis(500)));
    }

    /** Deciding on a failure needs neither HubSpot nor its properties. */
    private static HubSpotBatchUpdates updates(HubSpotRetryDelays delays) {
        return new HubSpotBatchUpdates(null, null, delays);
    }

    private static CrmWriteBatch batch(int attempts) {
        return CrmWriteBatch.of(List.of(row(1, "101", attempts)), HubSpotClient.BATCH_LIMIT).get(0);
    }

    private static CrmWrite row(long id, String contact, int attempts) {
        return new CrmWrite(id, HubSpotWritebackListener.CRM, "contacts", contact, Map.of("referral_status", "sent"), attempts);
    }
}
