package io.referloop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code target/referloop.jar} laid out as the README's Class Data Sharing how-to and the Docker image
 * do: extracted ({@code -Djarmode=tools extract}), then one training run that writes the archive and exits once the
 * context is refreshed ({@code -Dspring.context.exit=onRefresh}).
 */
record PackagedJar(Path jar, Path archive) {

    private static final Path PACKAGED = Path.of("target", "referloop.jar");
    private static final Path COMPILED = Path.of("target", "classes", "io", "referloop", "ReferloopApplication.class");

    /** Why the packaged jar cannot be used (missing, or older than the compiled classes), or null. */
    static String unusable() throws IOException {
        if (!Files.exists(PACKAGED)) {
            return "no target/referloop.jar: run ./mvnw -o package -DskipTests first";
        }
        if (Files.exists(COMPILED) && Files.getLastModifiedTime(PACKAGED).compareTo(Files.getLastModifiedTime(COMPILED)) < 0) {
            return "target/referloop.jar is older than target/classes: run ./mvnw -o package -DskipTests first";
        }
        return null;
    }

    /** Extracts the jar under {@code dir} and trains the archive, starting it from {@code deployment} (routes/, mappings/). */
    static PackagedJar prepare(Path dir, Path deployment) throws Exception {
        Files.createDirectories(dir);
        Path app = dir.resolve("app");
        run(deployment, dir.resolve("extract.log"), List.of("-Djarmode=tools", "-jar", PACKAGED.toAbsolutePath().toString(),
                "extract", "--destination", app.toString()));
        Path jar = app.resolve("referloop.jar");
        Path archive = dir.resolve("referloop.jsa");
        // the training database lives in memory: what matters is the classes loaded, not the data
        // with the options of the real starts: the JVM uses an archive only with compatible options
        List<String> training = new java.util.ArrayList<>(ConnectorLauncher.DEPLOYED_JVM_OPTIONS);
        training.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh", "-jar",
                jar.toString(), "--spring.datasource.url=jdbc:h2:mem:training"));
        run(deployment, dir.resolve("training.log"), training);
        if (!Files.exists(archive)) {
            throw new IllegalStateException("the training run wrote no " + archive + " (see " + dir.resolve("training.log") + ")");
        }
        return new PackagedJar(jar, archive);
    }

    private static void run(Path workDir, Path log, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within 5 minutes");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + " (see " + log + ")");
        }
    }
}
