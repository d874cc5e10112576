package io.referloop.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped routes/ copied to a folder of the test's, with one polling route's timer ticking every few hundred
 * milliseconds instead of each second, as an admin may set it: for a test that waits for polls. The rest of each file
 * (the first tick two seconds after start, unless the test says otherwise), and every other file, is as shipped.
 */
public final class ShippedRoutes {

    private static final String SHIPPED_PERIOD = "period: 1000";
    private static final String SHIPPED_DELAY = "delay: 2000";

    private ShippedRoutes() {
    }

    /** Copies routes/ into {@code folder} as shipped. */
    public static Path copiedTo(Path folder) throws IOException {
        copy(folder);
        return folder;
    }

    /** Copies routes/ into {@code folder}, with {@code file}'s timer at {@code periodMillis}. */
    public static Path tickingOften(Path folder, String file, long periodMillis) throws IOException {
        copy(folder);
        retime(folder, file, SHIPPED_PERIOD, "period: " + periodMillis);
        return folder;
    }

    /** As {@link #tickingOften(Path, String, long)}, the first tick too after {@code firstTickMillis}. */
    public static Path tickingOften(Path folder, String file, long periodMillis, long firstTickMillis) throws IOException {
        tickingOften(folder, file, periodMillis);
        retime(folder, file, SHIPPED_DELAY, "delay: " + firstTickMillis);
        return folder;
    }

    /** In a routes/ folder a deployment already holds: {@code file}'s timer at {@code periodMillis}. */
    public static void retime(Path routesFolder, String file, long periodMillis) throws IOException {
        retime(routesFolder, file, SHIPPED_PERIOD, "period: " + periodMillis);
    }

    /** The value of {@code camel.main.routes-include-pattern}: the jar's plumbing and the routes in {@code folder}. */
    public static String includePattern(Path folder) {
        return "classpath:camel/*.camel.yaml,file:" + folder + "/*.camel.yaml";
    }

    private static void copy(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path route : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                Files.copy(route, folder.resolve(route.getFileName()));
            }
        }
    }

    private static void retime(Path folder, String file, String shipped, String wanted) throws IOException {
        Path polling = folder.resolve(file);
        String text = Files.readString(polling);
        assertThat(text).as("the shipped %s sets %s", file, shipped).contains(shipped);
        Files.writeString(polling, text.replace(shipped, wanted));
    }
}
