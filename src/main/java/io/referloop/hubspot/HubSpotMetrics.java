package io.referloop.hubspot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * {@code referloop_hubspot_circuit_transitions_total{from,to}}: Resilience4j's Spring Boot starter publishes the guards
 * as {@code resilience4j_*{name="hubspot"}}, but its state gauge shows only the present, so a breaker that opened and
 * closed again between two scrapes would otherwise leave no trace.
 */
@Component
class HubSpotMetrics implements MeterBinder {

    private final HubSpotClient client;

    HubSpotMetrics(HubSpotClient client) {
        this.client = client;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        client.resilience().circuitBreaker.getEventPublisher().onStateTransition(event -> Counter.builder("referloop.hubspot.circuit.transitions")
                .description("HubSpot circuit breaker state transitions")
                .tag("from", event.getStateTransition().getFromState().name())
                .tag("to", event.getStateTransition().getToState().name())
                .register(registry).increment());
    }
}
