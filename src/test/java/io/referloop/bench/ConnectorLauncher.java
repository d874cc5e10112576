package io.referloop.bench;

import io.referloop.demo.FakeHubSpot;
import io.referloop.demo.FakeTremendous;
import io.referloop.support.ConnectorProcess;
import io.referloop.support.Deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the connector as it is deployed, in its own JVM ({@link #DEPLOYED_JVM_OPTIONS}, then
 * {@code bench.connector-jvm-options}, which may override them: {@code -XX:TieredStopAtLevel=4} gives back C2),
 * from a deployment folder, against the fakes: from the test classpath, from the packaged jar extracted, or from
 * that jar with Class Data Sharing ({@code bench.launch}: classpath, jar or cds).
 */
final class ConnectorLauncher {

    /** The JVM options the README and the Docker image start the connector with. */
    static final List<String> DEPLOYED_JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");

    /** How every phase starts the connector: classpath (the test classpath), jar (the packaged jar), cds (with CDS). */
    static final String LAUNCH = System.getProperty("bench.launch", "classpath");

    private final Path root;
    private PackagedJar packaged;

    /** {@code root}: where the deployment folders and the extracted jar go. */
    ConnectorLauncher(Path root) {
        this.root = root;
    }

    /** A deployment folder below the root, holding copies of routes/, mappings/ and templates/. */
    Path deployment(String name) throws Exception {
        Path dir = root.resolve(name);
        Files.createDirectories(dir);
        Deployment.copyRoutesAndMappings(dir);
        return dir;
    }

    ConnectorProcess start(Path dir, BenchDatabase db, FakeHubSpot hubspot, FakeTremendous tremendous)
            throws Exception {
        return start(dir, db, hubspot, tremendous, LAUNCH);
    }

    ConnectorProcess start(Path dir, BenchDatabase db, FakeHubSpot hubspot, FakeTremendous tremendous,
                           String launch) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(
                "--referloop.hubspot.base-url=" + hubspot.baseUrl(),
                "--referloop.hubspot.access-token=" + LoadBenchmark.TOKEN,
                "--referloop.hubspot.client-secret=" + LoadBenchmark.SECRET,
                "--referloop.hubspot.rate-limit-per-10s=" + LoadBenchmark.RATE_LIMIT_PER_10S,
                "--referloop.public-base-url=" + LoadBenchmark.PUBLIC_BASE,
                "--referloop.stripe.webhook-secret=" + LoadBenchmark.WHSEC,
                "--referloop.tremendous.base-url=" + tremendous.baseUrl(),
                "--referloop.tremendous.api-key=" + LoadBenchmark.TREMENDOUS_KEY,
                "--referloop.tremendous.product-ids=OKMHM2X2OHYV",
                "--referloop.admin.token=" + LoadBenchmark.ADMIN));
        arguments.addAll(db.connectorArguments());
        List<String> jvm = new ArrayList<>(DEPLOYED_JVM_OPTIONS);
        String extra = System.getProperty("bench.connector-jvm-options", "").trim();
        if (!extra.isEmpty()) {
            jvm.addAll(List.of(extra.split("\\s+")));
        }
        if (launch.equals("classpath")) {
            return ConnectorProcess.start(dir, dir.resolve("connector.log"), arguments, jvm, Duration.ofMinutes(3));
        }
        if (packaged == null) {
            String unusable = PackagedJar.unusable();
            if (unusable != null) {
                throw new IllegalStateException("bench.launch=" + launch + ": " + unusable);
            }
            packaged = PackagedJar.prepare(root.resolve("packaged"), dir);
        }
        if (launch.equals("cds")) {
            jvm.add("-XX:SharedArchiveFile=" + packaged.archive());
        } else if (!launch.equals("jar")) {
            throw new IllegalArgumentException("bench.launch: classpath, jar or cds, not " + launch);
        }
        return ConnectorProcess.startJar(packaged.jar(), dir, dir.resolve("connector.log"), arguments, jvm,
                Duration.ofMinutes(3));
    }

    /** Signed webhooks to a started connector, signed for the public base URL it is configured with. */
    static WebhookSender sender(ConnectorProcess connector) {
        return new WebhookSender(connector.baseUrl(), LoadBenchmark.PUBLIC_BASE, LoadBenchmark.SECRET,
                LoadBenchmark.WHSEC);
    }
}
