package io.referloop.ingest;

import org.apache.camel.Route;
import org.apache.camel.spi.Resource;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/** Where a running route was loaded from, and a refusal's reason in one line. */
final class RouteFiles {

    private RouteFiles() {
    }

    /** The file a route was loaded from, absolute; null for routes not loaded from a file (the jar's plumbing). */
    static Path fileOf(Route route) {
        Resource resource = route.getSourceResource();
        String location = resource == null ? null : resource.getLocation();
        if (location == null || !location.startsWith("file:")) {
            return null;
        }
        return Path.of(location.substring("file:".length())).toAbsolutePath().normalize();
    }

    /** The messages of an exception and its causes, each once: Camel wraps the YAML DSL's message more than once. */
    static String reason(Throwable error) {
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable e = error; e != null && e.getCause() != e; e = e.getCause()) {
            String message = e.getMessage();
            if (message != null && messages.stream().noneMatch(m -> m.contains(message.strip()))) {
                messages.add(message.strip());
            }
        }
        return messages.isEmpty() ? error.getClass().getSimpleName() : String.join(": ", messages);
    }
}
