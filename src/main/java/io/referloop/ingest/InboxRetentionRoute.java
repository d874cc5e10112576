package io.referloop.ingest;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Route {@code inbox-retention}: every {@code referloop.retention.interval}, processed inbox rows past
 * {@code referloop.inbox.retention} are deleted. In the jar, not in {@code routes/}: an inbox that keeps every event
 * forever slows every instance down, so it is not a flow to drop.
 */
@Component
class InboxRetentionRoute extends RouteBuilder {

    private final InboxRetention retention;
    private final Duration interval;

    InboxRetentionRoute(InboxRetention retention, @Value("${referloop.retention.interval:1h}") Duration interval) {
        this.retention = retention;
        this.interval = interval;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true)
                .log(LoggingLevel.ERROR, "Inbox retention failed, will run again: ${exception}");
        from("timer:inbox-retention?delay=45000&period=" + interval.toMillis())
                .routeId("inbox-retention")
                .bean(retention, "deleteExpired");
    }
}
