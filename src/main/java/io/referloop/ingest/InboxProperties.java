package io.referloop.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param batchSize    events claimed at once by one drain
 * @param claimTimeout how long a claim holds; events of a crashed instance are taken again after it
 * @param maxAttempts  processing attempts before an event is parked as failed (kept, visible, retryable)
 */
@ConfigurationProperties("referloop.inbox")
public record InboxProperties(@DefaultValue("100") int batchSize,
                              @DefaultValue("2m") Duration claimTimeout,
                              @DefaultValue("50") int maxAttempts) {
}
