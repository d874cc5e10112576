package io.referloop.reward;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param provider    {@code tremendous} or {@code tango}
 * @param maxAttempts order attempts (each already retried inside the provider client) before a reward is FAILED
 * @param claimTimeout how long an order being placed is left to its instance; after a crash the reward is ordered
 *                     again (same key) once this has passed
 */
@ConfigurationProperties("referloop.rewards")
public record RewardsProperties(@DefaultValue("tremendous") String provider, @DefaultValue("8") int maxAttempts,
                                @DefaultValue("1000") long issueIntervalMs, @DefaultValue("5m") Duration claimTimeout) {
}
