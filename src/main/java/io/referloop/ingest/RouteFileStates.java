package io.referloop.ingest;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last change of each file in {@code routes/} that was refused, and why, until a later version of the file is
 * applied: what the console's Settings page shows beside the file.
 */
@Component
public class RouteFileStates {

    /** A refused change: the routes loaded before it keep running. */
    public record Refusal(String reason, Instant at) {
    }

    private final Map<String, Refusal> refused = new ConcurrentHashMap<>();
    private final Clock clock;

    RouteFileStates(Clock clock) {
        this.clock = clock;
    }

    /** Why the last change of {@code fileName} (e.g. {@code hubspot-polling.camel.yaml}) was refused, if it was. */
    public Optional<Refusal> refusal(String fileName) {
        return Optional.ofNullable(refused.get(fileName));
    }

    void refused(String fileName, String reason) {
        refused.put(fileName, new Refusal(reason, Instant.now(clock)));
    }

    void applied(String fileName) {
        refused.remove(fileName);
    }
}
