package io.referloop.hubspot;

import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** HubSpot's circuit breaker, rate limiter and retries as Micrometer metrics ({@code resilience4j_*{name="hubspot"}}). */
@Component
class HubSpotMetrics implements MeterBinder {

    private final HubSpotClient client;

    HubSpotMetrics(HubSpotClient client) {
        this.client = client;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        HubSpotResilience r = client.resilience();
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(r.circuitBreakers).bindTo(registry);
        TaggedRateLimiterMetrics.ofRateLimiterRegistry(r.rateLimiters).bindTo(registry);
        TaggedRetryMetrics.ofRetryRegistry(r.retries).bindTo(registry);
    }
}
