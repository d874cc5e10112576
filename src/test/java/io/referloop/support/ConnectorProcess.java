package io.referloop.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The connector in a JVM of its own, so a test can kill it with SIGKILL and start it again. */
public final class ConnectorProcess implements AutoCloseable {

    /** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final Process process;
    private final int port;
    private final long launchedNanos;
    private long startupNanos;
    private Duration startupCpu;

    private ConnectorProcess(Process process, int port, long launchedNanos) {
        this.process = process;
        this.port = port;
        this.launchedNanos = launchedNanos;
    }

    /**
     * Starts the connector in {@code workDir}, which must hold {@code routes/} and {@code mappings/}, as a deployment
     * does. The harnesses start it many times and send it little work: the quick-starting JIT tier and the serial
     * collector start it sooner (the load benchmark passes its own options, as deployed).
     */
    public static ConnectorProcess start(Path workDir, Path log, List<String> arguments) throws IOException {
        return start(workDir, log, arguments, Duration.ofMinutes(2));
    }

    /**
     * As {@link #start(Path, Path, List)}, waiting up to {@code healthyWithin} (several connectors starting at once
     * take longer each).
     */
    public static ConnectorProcess start(Path workDir, Path log, List<String> arguments, Duration healthyWithin)
            throws IOException {
        return start(workDir, log, arguments, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                healthyWithin);
    }

    /**
     * As {@link #start(Path, Path, List)}, with these JVM options instead of the default {@code -Xmx256m}, waiting
     * up to {@code healthyWithin} (a machine busy with other builds can take far longer than usual to start it).
     */
    public static ConnectorProcess start(Path workDir, Path log, List<String> arguments, List<String> jvmOptions,
                                         Duration healthyWithin) throws IOException {
        return launch(List.of("-cp", System.getProperty("java.class.path"), "io.referloop.ReferloopApplication"),
                workDir, log, arguments, jvmOptions, healthyWithin);
    }

    /**
     * As {@link #start(Path, Path, List, List, Duration)}, from a packaged jar as deployed ({@code java -jar}): the
     * extracted {@code referloop.jar} beside its {@code lib/}, with {@code -XX:SharedArchiveFile} among the JVM options
     * to start it with Class Data Sharing (see the README).
     */
    public static ConnectorProcess startJar(Path jar, Path workDir, Path log, List<String> arguments,
                                            List<String> jvmOptions, Duration healthyWithin) throws IOException {
        return launch(List.of("-jar", jar.toAbsolutePath().toString()), workDir, log, arguments, jvmOptions, healthyWithin);
    }

    private static ConnectorProcess launch(List<String> what, Path workDir, Path log, List<String> arguments,
                                           List<String> jvmOptions, Duration healthyWithin) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(what);
        command.add("--server.port=" + port);
        command.addAll(arguments);
        long launched = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        ConnectorProcess connector = new ConnectorProcess(process, port, launched);
        connector.awaitHealthy(healthyWithin);
        connector.startupNanos = System.nanoTime() - launched;
        connector.startupCpu = connector.cpuTime();
        return connector;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** From launching the JVM to the first healthy answer of {@code /actuator/health}, within 20 ms. */
    public Duration startupTime() {
        return Duration.ofNanos(startupNanos);
    }

    /** CPU time (user plus system) the JVM had used when it first answered healthy. */
    public Duration startupCpuTime() {
        return startupCpu;
    }

    /** User plus system CPU time the connector's JVM has used so far, from /proc (Linux only). */
    public Duration cpuTime() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
            // the command name may hold spaces; the fields after it are fixed
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return Duration.ofMillis(ticks * 1000 / CLOCK_TICKS_PER_SECOND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Peak resident set size (VmHWM) so far, in KiB, from /proc (Linux only). */
    public long peakRssKib() {
        return statusField("VmHWM:");
    }

    /** Current resident set size (VmRSS), in KiB. */
    public long rssKib() {
        return statusField("VmRSS:");
    }

    private long statusField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).replace("kB", "").trim());
                }
            }
            throw new IllegalStateException(name + " not in /proc/" + pid() + "/status");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush, no graceful anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    private void awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("connector exited with " + process.exitValue());
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep();
        }
        throw new IllegalStateException("connector did not become healthy within " + timeout);
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
