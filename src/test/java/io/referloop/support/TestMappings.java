package io.referloop.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A copy of the shipped mappings/ with some lines of program.yaml replaced, for tests of other rules. */
public final class TestMappings {

    private TestMappings() {
    }

    /** {@code replacements}: pairs of (exact text in program.yaml, text to put instead). */
    public static Path withProgram(String... replacements) {
        try {
            Path dir = Files.createTempDirectory("referloop-mappings");
            Files.copy(Path.of("mappings/hubspot.yaml"), dir.resolve("hubspot.yaml"));
            Files.copy(Path.of("mappings/salesforce.yaml"), dir.resolve("salesforce.yaml"));
            Files.writeString(dir.resolve("program.yaml"), program(replacements));
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped program.yaml with {@code replacements}, pairs as for {@link #withProgram}. */
    public static String program(String... replacements) {
        try {
            String program = Files.readString(Path.of("mappings/program.yaml"));
            for (int i = 0; i < replacements.length; i += 2) {
                if (!program.contains(replacements[i])) {
                    throw new IllegalArgumentException("program.yaml has no " + replacements[i]);
                }
                program = program.replace(replacements[i], replacements[i + 1]);
            }
            return program;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
