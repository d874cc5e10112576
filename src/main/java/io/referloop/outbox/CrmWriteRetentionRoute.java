package io.referloop.outbox;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** Route {@code crm-write-retention}: every {@code referloop.retention.interval}, old sent CRM writes are deleted. */
@Component
class CrmWriteRetentionRoute extends RouteBuilder {

    private final CrmWriteRetention retention;
    private final Duration interval;

    CrmWriteRetentionRoute(CrmWriteRetention retention, @Value("${referloop.retention.interval:1h}") Duration interval) {
        this.retention = retention;
        this.interval = interval;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true)
                .log(LoggingLevel.ERROR, "CRM write retention failed, will run again: ${exception}");
        from("timer:crm-write-retention?delay=50000&period=" + interval.toMillis())
                .routeId("crm-write-retention")
                .bean(retention, "deleteExpired");
    }
}
