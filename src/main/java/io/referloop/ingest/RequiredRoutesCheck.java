package io.referloop.ingest;

import org.apache.camel.CamelContext;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks, once Camel has loaded the jar's routes and those in {@code routes/}, that every required route is
 * there. Runs on {@link ApplicationStartedEvent} because a failure there stops start-up (Camel's own
 * after-start hooks only log).
 */
@Component
class RequiredRoutesCheck implements ApplicationListener<ApplicationStartedEvent> {

    private final CamelContext camel;
    private final List<RequiredRoute> required;

    RequiredRoutesCheck(CamelContext camel, List<RequiredRoute> required) {
        this.camel = camel;
        this.required = required;
    }

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        List<RequiredRoute> missing = required.stream().filter(RequiredRoute::required)
                .filter(r -> camel.getRoute(r.id()) == null).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(missing.stream()
                    .map(r -> "route " + r.id() + " is missing (" + r.why() + "); restore routes/" + r.file()
                            + " from the release, keeping its route id")
                    .collect(Collectors.joining("; ")));
        }
    }
}
