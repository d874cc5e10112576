package io.referloop.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped routes/ copied to a folder of the test's, with one polling route's timer ticking every few hundred
 * milliseconds instead of each second: for a test that waits for polls. The rest of each file (the first tick two
 * seconds after start included), and every other file, is as shipped.
 */
public final class ShippedRoutes {

    private ShippedRoutes() {
    }

    /** Copies routes/ into {@code folder}, with {@code file}'s timer at {@code periodMillis}. */
    public static Path tickingOften(Path folder, String file, long periodMillis) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path route : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                Files.copy(route, folder.resolve(route.getFileName()));
            }
        }
        Path polling = folder.resolve(file);
        String often = Files.readString(polling).replace("period: 1000", "period: " + periodMillis);
        assertThat(often).as("the timer of the shipped %s", file).contains("period: " + periodMillis);
        Files.writeString(polling, often);
        return folder;
    }

    /** The value of {@code camel.main.routes-include-pattern}: the jar's plumbing and the routes in {@code folder}. */
    public static String includePattern(Path folder) {
        return "classpath:camel/*.camel.yaml,file:" + folder + "/*.camel.yaml";
    }
}
