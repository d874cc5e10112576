package io.referloop.bench;

import io.referloop.support.ConnectorProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU used over a measured window by the connector's JVM, by this JVM (load generator and the WireMock
 * fakes) and by the whole machine (which includes anything else running, such as other builds).
 */
final class CpuWindow {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private final ConnectorProcess connector;
    private final long wallStart;
    private final long connectorStart;
    private final long selfStart;
    private final long[] machineStart;
    private long wall;
    private long connectorCpu;
    private long selfCpu;
    private long machineBusy;
    private long machineTotal;

    private CpuWindow(ConnectorProcess connector) {
        this.connector = connector;
        this.wallStart = System.nanoTime();
        this.connectorStart = connector.cpuTime().toNanos();
        this.selfStart = selfCpuNanos();
        this.machineStart = machineTicks();
    }

    static CpuWindow open(ConnectorProcess connector) {
        return new CpuWindow(connector);
    }

    CpuWindow close() {
        wall = System.nanoTime() - wallStart;
        connectorCpu = connector.cpuTime().toNanos() - connectorStart;
        selfCpu = selfCpuNanos() - selfStart;
        long[] machine = machineTicks();
        machineBusy = machine[0] - machineStart[0];
        machineTotal = machine[1] - machineStart[1];
        return this;
    }

    double seconds() {
        return wall / 1e9;
    }

    long connectorCpuNanos() {
        return connectorCpu;
    }

    /** Shares of the machine's total CPU capacity (all cores) over the window, in percent. */
    double connectorShare() {
        return 100.0 * connectorCpu / ((double) wall * CORES);
    }

    double generatorShare() {
        return 100.0 * selfCpu / ((double) wall * CORES);
    }

    double machineShare() {
        return machineTotal == 0 ? Double.NaN : 100.0 * machineBusy / machineTotal;
    }

    String describe() {
        return "connector %.0f %%, load generator and fakes %.0f %%, whole machine %.0f %% (of %d cores)"
                .formatted(connectorShare(), generatorShare(), machineShare(), CORES);
    }

    private static long selfCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** {busy, total} jiffies from the first line of /proc/stat. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
