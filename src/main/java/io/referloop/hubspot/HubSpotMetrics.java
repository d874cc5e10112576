package io.referloop.hubspot;

import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * HubSpot's circuit breaker, rate limiter and retries as Micrometer metrics ({@code resilience4j_*{name="hubspot"}}),
 * and {@code referloop_hubspot_circuit_transitions_total{from,to}}: the state gauge shows only the present, so a
 * breaker that opened and closed again between two scrapes would otherwise leave no trace.
 */
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
        r.circuitBreaker.getEventPublisher().onStateTransition(event -> Counter.builder("referloop.hubspot.circuit.transitions")
                .description("HubSpot circuit breaker state transitions")
                .tag("from", event.getStateTransition().getFromState().name())
                .tag("to", event.getStateTransition().getToState().name())
                .register(registry).increment());
    }
}
