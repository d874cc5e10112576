package io.referloop.mapping;

import org.apache.camel.CamelContext;
import org.apache.camel.support.FileWatcherResourceReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a changed file of {@code referloop.mappings.dir} with the schema checks of the start and, when it is valid,
 * puts its rules in place ({@link LiveMapping}); on by default ({@code referloop.mappings.reload}). The folder is
 * watched by Camel's {@link FileWatcherResourceReloadStrategy}, the same watcher that applies changed routes.
 */
@Component
@ConditionalOnProperty(name = "referloop.mappings.reload", havingValue = "true", matchIfMissing = true)
class MappingsReload implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(MappingsReload.class);

    private final MappingFiles mappings;
    private final CamelContext camel;
    /** The text each file was last read with: an editor's save can raise several events for one change. */
    private final Map<String, String> seen = new ConcurrentHashMap<>();

    MappingsReload(MappingFiles mappings, CamelContext camel) {
        this.mappings = mappings;
        this.camel = camel;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Path dir = mappings.dir().toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            return;
        }
        FileWatcherResourceReloadStrategy watcher = new FileWatcherResourceReloadStrategy(dir.toString());
        watcher.setFileFilter(f -> f.getName().endsWith(".yaml") || f.getName().endsWith(".yml"));
        watcher.setResourceReload((name, resource) -> changed(Path.of(name)));
        try {
            camel.addService(watcher, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot watch " + dir + " for changed mappings", e);
        }
        log.info("Mappings in {} are checked and applied when their file changes (referloop.mappings.reload)", dir);
    }

    synchronized void changed(Path file) {
        String name = String.valueOf(file.getFileName());
        String text = read(file);
        if (text == null || text.isBlank() || Objects.equals(text, seen.put(name, text))) {
            // deleted, or emptied for a moment by an editor that truncates before it writes: the rules stay
            return;
        }
        MappingChange change = mappings.reload(name);
        switch (change.kind()) {
            case APPLIED -> log.info("mappings/{}: the new rules are in use", name);
            case REFUSED -> log.error("mappings/{} refused, the rules before the change stay in use:\n{}", name, change.message());
            case NOT_READ -> log.debug("mappings/{} changed: {}", name, change.message());
        }
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
