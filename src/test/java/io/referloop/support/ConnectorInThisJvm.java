package io.referloop.support;

import io.referloop.ReferloopApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The connector started in the test's JVM as {@link ConnectorProcess} starts it in a JVM of its own: from a
 * deployment folder ({@link Deployment}) and with the same arguments, on a port of its own. Closing the context is
 * the graceful stop a SIGTERM gives a process. A second start in a JVM that has loaded the connector's classes costs
 * a few seconds of CPU instead of a new JVM's 12, so tests that stop connectors only gracefully use this; a test that
 * kills one (SIGKILL: no shutdown, nothing flushed) needs {@link ConnectorProcess}.
 *
 * <p>Each start is a Spring and Camel context of its own: its beans, its database pool, its Salesforce session and its
 * {@code ClusterLock} owner. The connector keeps no state in static fields, and Camel's JMX is not on the classpath,
 * so two of them in one JVM share nothing but what processes share too (the database, the CRMs). Micrometer's global
 * registry is the one thing Spring Boot would join them in; it is switched off here.
 */
public final class ConnectorInThisJvm {

    private ConnectorInThisJvm() {
    }

    /**
     * Starts the connector on {@code workDir}'s {@code routes/}, {@code mappings/} and {@code templates/}, the files a
     * process started in {@code workDir} reads (all but the console's list of routes, which is of this JVM's working
     * directory), and returns once it is started: Spring Boot's {@code run} returns with the web server listening and
     * Camel's routes running, which is when a process answers healthy.
     */
    public static ConfigurableApplicationContext start(Path workDir, List<String> arguments) {
        List<String> all = new ArrayList<>(List.of(
                "--server.port=0",
                "--camel.main.routes-include-pattern=" + ShippedRoutes.includePattern(workDir.resolve("routes")),
                "--referloop.mappings.dir=" + workDir.resolve("mappings"),
                "--referloop.notifications.templates-dir=" + workDir.resolve("templates"),
                "--management.metrics.use-global-registry=false"));
        all.addAll(arguments);
        // the log names ReferloopApplication as a process's does, not the test runner's class
        return new SpringApplicationBuilder(ReferloopApplication.class).main(ReferloopApplication.class)
                .run(all.toArray(String[]::new));
    }
}
