package io.referloop.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A deployment folder as users make one: copies of this repository's routes/, mappings/ and templates/. */
public final class Deployment {

    private Deployment() {
    }

    public static void copyRoutesAndMappings(Path target) throws IOException {
        for (String folder : new String[] {"routes", "mappings", "templates"}) {
            Path source = Path.of(folder);
            Files.createDirectories(target.resolve(folder));
            try (Stream<Path> files = Files.list(source)) {
                files.forEach(f -> copy(f, target.resolve(folder).resolve(f.getFileName().toString())));
            }
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
