package io.referloop.reward;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param provider    {@code tremendous} or {@code tango}
 * @param maxAttempts order attempts (each already retried inside the provider client) before a reward is FAILED
 */
@ConfigurationProperties("referloop.rewards")
public record RewardsProperties(@DefaultValue("tremendous") String provider, @DefaultValue("8") int maxAttempts,
                                @DefaultValue("1000") long issueIntervalMs) {
}
