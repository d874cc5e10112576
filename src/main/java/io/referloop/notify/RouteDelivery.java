package io.referloop.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Delivers each event at least once to the route {@code direct:referloop.<type>} (body: the event JSON; headers
 * {@code ReferloopEventType}, {@code ReferloopEventId}), in order per advocate. A route that throws gets the event
 * again later with exponential backoff; after {@code referloop.events.max-attempts} it is FAILED. A type no
 * route consumes is SKIPPED: nobody wants it, and nothing waits for it.
 */
@Component
public class RouteDelivery {

    public static final String TYPE_HEADER = "ReferloopEventType";
    public static final String ID_HEADER = "ReferloopEventId";

    private static final Logger log = LoggerFactory.getLogger(RouteDelivery.class);

    private final EventOutbox outbox;
    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final EventsProperties properties;
    private final Clock clock;
    private final Counter failures;
    private final Counter givenUp;

    RouteDelivery(EventOutbox outbox, CamelContext camel, ProducerTemplate producer, EventsProperties properties,
                  Clock clock, MeterRegistry meters) {
        this.outbox = outbox;
        this.camel = camel;
        this.producer = producer;
        this.properties = properties;
        this.clock = clock;
        this.failures = Counter.builder("referloop.events.delivery.failures").tag("channel", "routes")
                .description("failed attempts to deliver an event to its route").register(meters);
        this.givenUp = Counter.builder("referloop.events.delivery.given.up").tag("channel", "routes")
                .description("events given up after the last attempt (status FAILED)").register(meters);
        Gauge.builder("referloop.events.pending", () -> outbox.count(EventOutbox.Channel.ROUTES, EventOutbox.PENDING))
                .tag("channel", "routes").register(meters);
    }

    public static String endpointOf(String type) {
        return "direct:referloop." + type;
    }

    /** Delivers what is due; delivered and skipped events are marked together at the end of the run. */
    public int deliverDue() {
        return InOrder.deliver(outbox, EventOutbox.Channel.ROUTES, 200, Instant.now(clock), this::deliver);
    }

    private boolean deliver(EventOutbox.Row row, InOrder.Marks marks) {
        String uri = endpointOf(row.type());
        if (!consumed(uri)) {
            marks.skipped(row, "no route consumes " + uri);
            return true;
        }
        Exchange exchange = producer.send(uri, e -> {
            e.getMessage().setBody(row.json());
            e.getMessage().setHeader(TYPE_HEADER, row.type());
            e.getMessage().setHeader(ID_HEADER, row.eventId());
        });
        Exception failure = exchange.getException();
        if (failure == null) {
            marks.delivered(row);
            return true;
        }
        failures.increment();
        String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (row.attempts() + 1 >= properties.maxAttempts()) {
            givenUp.increment();
            outbox.mark(EventOutbox.Channel.ROUTES, row.id(), EventOutbox.FAILED, error);
            log.error("Event {} ({}) failed in {} {} times; given up: {}", row.eventId(), row.type(), uri,
                    row.attempts() + 1, error);
            return true;
        }
        log.warn("Event {} ({}) failed in {}, will retry: {}", row.eventId(), row.type(), uri, error);
        outbox.retryLater(EventOutbox.Channel.ROUTES, row.id(), error, properties.backoff(row.attempts()), true);
        return false;
    }

    private boolean consumed(String uri) {
        String key = camel.getEndpoint(uri).getEndpointKey();
        for (Route route : camel.getRoutes()) {
            if (route.getEndpoint().getEndpointKey().equals(key)) {
                return true;
            }
        }
        return false;
    }
}
