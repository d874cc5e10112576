package io.referloop.notify;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Routes {@code event-delivery} and {@code event-webhooks}: take due events from the event outbox and deliver
 * them to {@code direct:referloop.<type>} (the admin's routes in {@code routes/}) and to the webhook receiver.
 * They ship in the jar: delivery is plumbing an admin must not break; where events go is theirs to change.
 */
@Component
class EventDeliveryRoute extends RouteBuilder {

    private final RouteDelivery routes;
    private final WebhookDelivery webhooks;
    private final EventsProperties properties;

    EventDeliveryRoute(RouteDelivery routes, WebhookDelivery webhooks, EventsProperties properties) {
        this.routes = routes;
        this.webhooks = webhooks;
        this.properties = properties;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true)
                .log(LoggingLevel.ERROR, "Event delivery run failed, will run again: ${exception}");
        long period = properties.interval().toMillis();
        from("timer:event-delivery?delay=1000&period=" + period).routeId("event-delivery")
                .bean(routes, "deliverDue");
        from("timer:event-webhooks?delay=1000&period=" + period).routeId("event-webhooks")
                .bean(webhooks, "deliverDue");
    }
}
