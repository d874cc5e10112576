package io.referloop.notify;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Route {@code advocate-reminders}: looks for idle advocates every {@code referloop.reminders.interval} (6 h). */
@Component
class RemindersRoute extends RouteBuilder {

    private final Reminders reminders;
    private final java.time.Duration interval;

    RemindersRoute(Reminders reminders, @Value("${referloop.reminders.interval:6h}") java.time.Duration interval) {
        this.reminders = reminders;
        this.interval = interval;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true)
                .log(LoggingLevel.ERROR, "Reminder run failed, will run again: ${exception}");
        from("timer:advocate-reminders?delay=60000&period=" + interval.toMillis()).routeId("advocate-reminders")
                .bean(reminders, "run");
    }
}
