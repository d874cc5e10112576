package io.referloop.privacy;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Route {@code privacy-retention}: every {@code referloop.retention.interval}, scrub old inbox payloads and delete
 * clicks past the attribution window. It ships in the jar rather than in {@code routes/}: retention is a promise
 * to the people in the data, not a flow an admin should be able to drop. Every instance may run it; both steps
 * are idempotent.
 */
@Component
class RetentionRoute extends RouteBuilder {

    private final PayloadRetention payloads;
    private final ClickRetention clicks;
    private final RetentionProperties properties;

    RetentionRoute(PayloadRetention payloads, ClickRetention clicks, RetentionProperties properties) {
        this.payloads = payloads;
        this.clicks = clicks;
        this.properties = properties;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true)
                .log(org.apache.camel.LoggingLevel.ERROR, "Retention run failed, will run again: ${exception}");
        from("timer:privacy-retention?delay=30000&period=" + properties.interval().toMillis())
                .routeId("privacy-retention")
                .bean(payloads, "scrubExpired")
                .bean(clicks, "pruneExpired");
    }
}
