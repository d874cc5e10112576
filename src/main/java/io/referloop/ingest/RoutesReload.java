package io.referloop.ingest;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.FileWatcherResourceReloadStrategy;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies a changed file of {@code routes/} (every {@code file:} entry of {@code camel.main.routes-include-pattern})
 * while the connector runs, on by default ({@code referloop.routes.reload}).
 * <p>
 * Not Camel's own {@code camel.main.routes-reload-enabled}: its {@code RouteWatcherReloadStrategy} stops and removes
 * every route (the jar's plumbing too) before loading the changed file, and when that load fails the routes stay
 * removed until a later edit loads. Here the file is watched by Camel's {@link FileWatcherResourceReloadStrategy}, the
 * new text is checked first ({@link RouteFileCheck}) and only that file's routes are replaced; should Camel still
 * fail to start them, the last version that ran is loaded again from memory.
 */
@Component
@ConditionalOnProperty(name = "referloop.routes.reload", havingValue = "true", matchIfMissing = true)
class RoutesReload implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(RoutesReload.class);

    private final CamelContext camel;
    private final RouteFileCheck check;
    private final RouteFileStates states;
    private final RouteFolders folders;
    /** The text each file had when its routes were last loaded: compared to skip repeated events, loaded again on failure. */
    private final Map<Path, String> applied = new ConcurrentHashMap<>();

    RoutesReload(CamelContext camel, List<RequiredRoute> required, RouteFileStates states, RouteFolders folders) {
        this.camel = camel;
        this.check = new RouteFileCheck(camel, required);
        this.states = states;
        this.folders = folders;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        folders.all().forEach(this::watch);
    }

    private void watch(RouteFolders.RouteFolder folder) {
        Path dir = folder.dir();
        if (!Files.isDirectory(dir)) {
            return;
        }
        folder.files().forEach(f -> Optional.ofNullable(read(f)).ifPresent(text -> applied.put(f, text)));
        FileWatcherResourceReloadStrategy watcher = new FileWatcherResourceReloadStrategy(dir.toString());
        watcher.setFileFilter(f -> folder.loadsFileNamed(f.toPath()));
        watcher.setResourceReload((name, resource) -> changed(Path.of(name).toAbsolutePath().normalize()));
        try {
            camel.addService(watcher, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot watch " + dir + " for changed routes", e);
        }
        log.info("Routes in {} are applied when their file changes (referloop.routes.reload)", dir);
    }

    synchronized void changed(Path file) {
        String name = String.valueOf(file.getFileName());
        String text = Files.isRegularFile(file) ? read(file) : null;
        if (text == null && Files.exists(file)) {
            log.warn("routes/{} changed but cannot be read; the routes loaded before keep running", name);
            return;
        }
        if (Objects.equals(text, applied.get(file))) {
            return;
        }
        List<String> problems = check.problems(file, text);
        if (!problems.isEmpty()) {
            refuse(name, String.join("; ", problems));
            return;
        }
        List<String> before = routesOf(file);
        try {
            replace(file, before, text);
            applied.compute(file, (f, old) -> text);
            states.applied(name);
            log.info("routes/{} applied: routes {} running", name, routesOf(file));
        } catch (Exception e) {
            restore(file, before);
            refuse(name, RouteFiles.reason(e));
        }
    }

    private void replace(Path file, List<String> before, String text) throws Exception {
        for (String id : before) {
            camel.getRouteController().stopRoute(id);
            camel.removeRoute(id);
        }
        if (text != null) {
            // the text just checked, not the file again: it may have changed since
            PluginHelper.getRoutesLoader(camel).updateRoutes(resource(file, text));
        }
    }

    private void restore(Path file, List<String> before) {
        try {
            replace(file, routesOf(file), applied.get(file));
        } catch (Exception e) {
            log.error("routes/{}: the routes {} could not be loaded again; restart to load them", file.getFileName(), before, e);
        }
    }

    private void refuse(String name, String reason) {
        states.refused(name, reason);
        log.error("routes/{} refused, the routes loaded before keep running: {}", name, reason);
    }

    private List<String> routesOf(Path file) {
        return camel.getRoutes().stream().filter(r -> file.equals(RouteFiles.fileOf(r))).map(Route::getRouteId).toList();
    }

    private static Resource resource(Path file, String text) {
        return ResourceHelper.fromString("file:" + file, text);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return null;
        }
    }
}
