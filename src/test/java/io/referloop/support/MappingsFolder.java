package io.referloop.support;

import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A copy of the shipped {@code mappings/} in a folder of its own, for a test that edits a file while the connector runs. */
public final class MappingsFolder {

    private static final Path SHIPPED = Path.of("mappings");

    private final Path dir;

    private MappingsFolder(Path dir) {
        this.dir = dir;
    }

    public static MappingsFolder ofShipped() {
        try {
            Path dir = Files.createTempDirectory("referloop-mappings");
            for (String file : new String[]{"program.yaml", "hubspot.yaml", "salesforce.yaml"}) {
                Files.copy(SHIPPED.resolve(file), dir.resolve(file));
            }
            return new MappingsFolder(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For {@code referloop.mappings.dir}. */
    public String dir() {
        return dir.toString();
    }

    /** The file as shipped in {@code mappings/}. */
    public String shipped(String file) {
        try {
            return Files.readString(SHIPPED.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves the file as an admin would; the text must differ from the shipped one, or nothing would change. */
    public void save(String file, String text) {
        if (text.equals(shipped(file))) {
            throw new IllegalArgumentException(file + ": the edit changes nothing");
        }
        write(file, text);
    }

    public void saveShipped(String file) {
        write(file, shipped(file));
    }

    public void delete() {
        try {
            FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String file, String text) {
        try {
            Files.writeString(dir.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
