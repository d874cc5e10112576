package io.referloop.support;

import io.referloop.mapping.MappingChange;
import io.referloop.mapping.MappingFiles;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One mapping file an admin edits while the connector runs, in a copy of the shipped {@code mappings/} of its own
 * (the connector's {@code referloop.mappings.dir}); closing deletes the copy.
 */
public final class EditedMapping implements AutoCloseable {

    private static final Path SHIPPED = Path.of("mappings");

    private final String file;
    private final Path dir;

    public EditedMapping(String file) {
        this.file = file;
        try {
            dir = Files.createTempDirectory("referloop-mappings");
            for (String shipped : new String[]{"program.yaml", "hubspot.yaml", "salesforce.yaml"}) {
                Files.copy(SHIPPED.resolve(shipped), dir.resolve(shipped));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For {@code referloop.mappings.dir}. */
    public String dir() {
        return dir.toString();
    }

    /** The file as shipped in {@code mappings/}. */
    public String shipped() {
        try {
            return Files.readString(SHIPPED.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves the file as an admin would; the text must differ from the shipped one, or nothing would change. */
    public void save(String text) {
        if (text.equals(shipped())) {
            throw new IllegalArgumentException(file + ": the edit changes nothing");
        }
        write(text);
    }

    public void saveShipped() {
        write(shipped());
    }

    /** Whether the connector applied the last change it saw. */
    public boolean applied(MappingFiles mappings) {
        return mappings.lastChange(file).map(MappingChange::kind).filter(MappingChange.Kind.APPLIED::equals).isPresent();
    }

    /** Why the connector refused the last change it saw; empty when it did not refuse it. */
    public String refusal(MappingFiles mappings) {
        return mappings.lastChange(file).filter(MappingChange::refused).map(MappingChange::message).orElse("");
    }

    @Override
    public void close() {
        try {
            FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String text) {
        try {
            Files.writeString(dir.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
