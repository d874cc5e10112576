package io.referloop.hubspot;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * {@code referloop.hubspot.*}. Without an access token HubSpot is off: events are still received
 * (when a client secret is set) but wait in the inbox until a token is configured.
 * {@code poll-interval} (e.g. {@code 1m}) turns on search-API polling; each poll re-reads {@code poll-overlap}
 * before its checkpoint, because HubSpot's search index lags writes by seconds. {@code retry}: how soon what HubSpot
 * could not take is tried again ({@link HubSpotRetryDelays}).
 */
@ConfigurationProperties("referloop.hubspot")
public record HubSpotProperties(
        @DefaultValue("https://api.hubapi.com") URI baseUrl,
        String accessToken,
        String clientSecret,
        @DefaultValue("100") int rateLimitPer10s,
        @DefaultValue("4") int maxAttempts,
        @DefaultValue("30s") Duration circuitOpenDuration,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("15s") Duration requestTimeout,
        Duration pollInterval,
        @DefaultValue("2m") Duration pollOverlap,
        @DefaultValue HubSpotRetryDelays retry) {

    public HubSpotProperties {
        if (pollOverlap != null && pollOverlap.isNegative()) {
            throw new IllegalArgumentException("referloop.hubspot.poll-overlap cannot be negative, was " + pollOverlap);
        }
        pollOverlap = pollOverlap == null ? Duration.ofMinutes(2) : pollOverlap;
        retry = retry == null ? HubSpotRetryDelays.DEFAULTS : retry;
    }

    /** Search-API polling (and backfill beside webhooks) runs only when an interval is set. */
    public boolean pollingEnabled() {
        return apiEnabled() && pollInterval != null && !pollInterval.isZero() && !pollInterval.isNegative();
    }

    public boolean apiEnabled() {
        return accessToken != null && !accessToken.isBlank();
    }

    public boolean webhooksEnabled() {
        return clientSecret != null && !clientSecret.isBlank();
    }

    @Override
    public String toString() {
        return "HubSpotProperties[baseUrl=" + baseUrl + ", accessToken=" + (apiEnabled() ? "****" : "none")
                + ", clientSecret=" + (webhooksEnabled() ? "****" : "none") + ", rateLimitPer10s=" + rateLimitPer10s + "]";
    }
}
