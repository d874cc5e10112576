package io.referloop.ingest;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folders the connector loads route files from: the {@code file:} entries of
 * {@code camel.main.routes-include-pattern}, each a folder and a pattern of file names (the shipped
 * {@code file:routes/*.camel.yaml}: {@code routes/} of the working directory, {@code *.camel.yaml}). The jar's
 * plumbing ({@code classpath:} entries) is not in a folder anyone edits.
 */
@Component
public class RouteFolders {

    private static final String INCLUDE_PATTERN = "camel.main.routes-include-pattern";

    /** A folder, absolute, and the pattern (a glob) of the names of the route files Camel loads from it. */
    public record RouteFolder(Path dir, String names) {

        /** Whether Camel loads a file of this folder by the name {@code file} has. */
        public boolean loadsFileNamed(Path file) {
            return FileSystems.getDefault().getPathMatcher("glob:" + names).matches(file.getFileName());
        }

        /** The route files in the folder now, by name; none while the folder does not exist. */
        public List<Path> files() {
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(f -> Files.isRegularFile(f) && loadsFileNamed(f)).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the route files in " + dir, e);
            }
        }
    }

    private final List<RouteFolder> folders;

    public RouteFolders(Environment env) {
        folders = Arrays.stream(env.getProperty(INCLUDE_PATTERN, "").split(","))
                .map(String::strip)
                .filter(pattern -> pattern.startsWith("file:"))
                .map(pattern -> Path.of(pattern.substring("file:".length())).toAbsolutePath().normalize())
                .map(pattern -> new RouteFolder(pattern.getParent(), String.valueOf(pattern.getFileName())))
                .toList();
    }

    /** In the order the setting names them. */
    public List<RouteFolder> all() {
        return folders;
    }
}
