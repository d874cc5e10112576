package io.referloop.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param payloadDays days after which the payload of a processed or ignored inbox event is scrubbed. The default,
 *                    35, is past every sender's retry horizon (HubSpot 24 h, Stripe and Chargebee 3 days), and
 *                    leaves a month to look into an event; the dedup key stays either way.
 * @param interval    how often the retention job runs (payloads and link clicks)
 */
@ConfigurationProperties("referloop.retention")
public record RetentionProperties(@DefaultValue("35") int payloadDays,
                                  @DefaultValue("1h") Duration interval) {

    public RetentionProperties {
        if (payloadDays < 0) {
            throw new IllegalArgumentException("referloop.retention.payload-days must not be negative: " + payloadDays);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("referloop.retention.interval must be positive: " + interval);
        }
    }
}
