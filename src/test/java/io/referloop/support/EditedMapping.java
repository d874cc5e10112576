package io.referloop.support;

import io.referloop.mapping.MappingChange;
import io.referloop.mapping.MappingFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One mapping file an admin edits while the connector runs, in the folder the connector reads
 * ({@code referloop.mappings.dir}, a copy of the shipped {@code mappings/}).
 */
public final class EditedMapping {

    private static final Path SHIPPED = Path.of("mappings");

    private final Path dir;
    private final String file;

    public EditedMapping(Path dir, String file) {
        this.dir = dir;
        this.file = file;
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

    /** Whether the file holds the shipped text. */
    public boolean isShipped() {
        try {
            return Files.readString(dir.resolve(file)).equals(shipped());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the connector applied the last change it saw. */
    public boolean applied(MappingFiles mappings) {
        return mappings.lastChange(file).map(MappingChange::kind).filter(MappingChange.Kind.APPLIED::equals).isPresent();
    }

    /** Why the connector refused the last change it saw; empty when it did not refuse it. */
    public String refusal(MappingFiles mappings) {
        return mappings.lastChange(file).filter(MappingChange::refused).map(MappingChange::message).orElse("");
    }

    private void write(String text) {
        try {
            Files.writeString(dir.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
