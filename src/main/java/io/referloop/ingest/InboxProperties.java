package io.referloop.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param batchSize      events claimed at once by one drain
 * @param claimTimeout   how long a claim holds; events of a crashed instance are taken again after it
 * @param maxAttempts    processing attempts before an event is parked as failed (kept, visible, retryable)
 * @param retention      how long a processed or ignored event stays in the inbox; its dedup key stays for good.
 *                       The default, 7 days, is past every sender's retry horizon (HubSpot 24 h, Stripe and
 *                       Chargebee 3 days) with room to look into an event
 * @param retentionBatch rows deleted per statement by the retention job
 * @param idleRecheck    how long a drain that found its source empty trusts that, while this instance stores
 *                       nothing for it; events other instances stored, or given back for a later attempt, wait
 *                       up to this long
 */
@ConfigurationProperties("referloop.inbox")
public record InboxProperties(@DefaultValue("100") int batchSize,
                              @DefaultValue("2m") Duration claimTimeout,
                              @DefaultValue("50") int maxAttempts,
                              @DefaultValue("7d") Duration retention,
                              @DefaultValue("1000") int retentionBatch,
                              @DefaultValue("1s") Duration idleRecheck) {
}
