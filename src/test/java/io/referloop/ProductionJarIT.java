package io.referloop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production jar (target/referloop.jar, after package) carries no fake and no WireMock: they are test code.
 * Run by failsafe in {@code ./mvnw verify}.
 */
class ProductionJarIT {

    private static final Path JAR = Path.of(System.getProperty("referloop.jar", "target/referloop.jar"));

    @Test
    void theJarHoldsNoFakeNoDemoAndNoWireMock() throws IOException {
        assertThat(JAR).as("the packaged jar; run after package").isRegularFile();
        List<String> entries;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            entries = jar.stream().map(ZipEntry::getName).toList();
        }
        // not vacuous: this is the repackaged connector
        assertThat(entries).contains("BOOT-INF/classes/io/referloop/ReferloopApplication.class");
        assertThat(entries).anyMatch(name -> name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar"));

        assertThat(entries.stream().filter(ProductionJarIT::isTestCode))
                .as("fakes, demo or WireMock in %s", JAR)
                .isEmpty();
    }

    private static boolean isTestCode(String entry) {
        String name = entry.substring(entry.lastIndexOf('/') + 1);
        return entry.startsWith("BOOT-INF/classes/io/referloop/demo/")
                || entry.equals("BOOT-INF/classes/application-demo.yaml")
                || entry.startsWith("BOOT-INF/classes/") && entry.endsWith(".class") && name.startsWith("Fake")
                || entry.toLowerCase(Locale.ROOT).contains("wiremock");
    }

    @Test
    void theJarStartedWithTheDemoProfileStopsAndNamesTheDemoCommand(@TempDir Path folder)
            throws IOException, InterruptedException {
        Path output = folder.resolve("output.txt");
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString(), "--spring.profiles.active=demo", "--server.port=0")
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!java.waitFor(60, TimeUnit.SECONDS)) {
            java.destroyForcibly().waitFor();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);

        assertThat(java.exitValue()).as(printed).isNotZero();
        assertThat(printed).contains("./mvnw spring-boot:test-run -Dspring-boot.run.profiles=demo");
        assertThat(folder.resolve("data")).as("nothing ran: no database created").doesNotExist();
    }
}
