package io.referloop.giftcard.tremendous;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * {@code referloop.tremendous.*}. Without an API key Tremendous is off. Either {@code productIds} or
 * {@code campaignId} must be set for orders to be accepted (Tremendous answers 400 otherwise).
 * {@code timeout} bounds each HTTP attempt; {@code maxAttempts} counts attempts per order call, all with the
 * same {@code external_id}.
 */
@ConfigurationProperties("referloop.tremendous")
public record TremendousProperties(
        @DefaultValue("https://testflight.tremendous.com/api/v2") URI baseUrl,
        String apiKey,
        @DefaultValue("balance") String fundingSourceId,
        List<String> productIds,
        String campaignId,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("3") int maxAttempts) {

    public boolean configured() {
        return apiKey != null && !apiKey.isBlank();
    }

    @Override
    public String toString() {
        return "TremendousProperties[baseUrl=" + baseUrl + ", apiKey=" + (configured() ? "****" : "none")
                + ", fundingSourceId=" + fundingSourceId + ", productIds=" + productIds + ", campaignId=" + campaignId
                + ", timeout=" + timeout + ", maxAttempts=" + maxAttempts + "]";
    }
}
