package io.referloop.support;

import io.referloop.demo.FakeHubSpot;
import io.referloop.demo.FakeSalesforce;
import io.referloop.salesforce.PasswordLogin;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The settings of the {@link LiveFilesContext}: a copy of the shipped routes/ and mappings/ in one temporary folder,
 * HubSpot's poller ticking every {@value #HUBSPOT_TICK_MILLIS} ms (as an admin may set it in routes/) and polling at
 * every tick, the Salesforce org polled every 400 ms, CRM writes and the inbox drained within a tenth of a second.
 * Both fakes start once per test JVM; the fake HubSpot allows more than the frequent polls ask (its 429 would hold a
 * poll for 10 s), the org lets the {@link PasswordLogin} user in.
 */
public final class LiveFilesProperties implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String HUBSPOT_TOKEN = "pat-live-files";
    public static final long HUBSPOT_TICK_MILLIS = 200;
    public static final Duration HUBSPOT_POLL_OVERLAP = Duration.ofSeconds(90);
    public static final String SALESFORCE_ORGANIZATION = "00Dxx0000000007EAA";

    private static final Path FOLDER = copyOfTheShippedFiles();
    private static FakeHubSpot hubspot;
    private static FakeSalesforce salesforce;

    /** The routes/ folder the context reads. */
    public static Path routes() {
        return FOLDER.resolve("routes");
    }

    /** The mappings/ folder the context reads. */
    public static Path mappings() {
        return FOLDER.resolve("mappings");
    }

    public static synchronized FakeHubSpot hubspot() {
        if (hubspot == null) {
            hubspot = new FakeHubSpot(HUBSPOT_TOKEN).start();
            hubspot.setRateLimitPer10s(100_000);
        }
        return hubspot;
    }

    public static synchronized FakeSalesforce salesforce() {
        if (salesforce == null) {
            salesforce = PasswordLogin.org(SALESFORCE_ORGANIZATION);
        }
        return salesforce;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                "spring.datasource.url=jdbc:h2:mem:live-files;DB_CLOSE_DELAY=-1",
                "camel.main.routes-include-pattern=" + ShippedRoutes.includePattern(routes()),
                "referloop.mappings.dir=" + mappings(),
                "referloop.inbox.poll-interval-ms=50",
                "referloop.hubspot.base-url=" + hubspot().baseUrl(),
                "referloop.hubspot.access-token=" + HUBSPOT_TOKEN,
                // half a tick: every tick polls
                "referloop.hubspot.poll-interval=" + HUBSPOT_TICK_MILLIS / 2 + "ms",
                "referloop.hubspot.poll-overlap=" + HUBSPOT_POLL_OVERLAP.toSeconds() + "s",
                "referloop.hubspot.rate-limit-per-10s=1000",
                "referloop.hubspot.writeback-interval-ms=50",
                "resilience4j.ratelimiter.instances.hubspot-search.limit-refresh-period=20ms",
                "referloop.salesforce.poll-interval=400ms",
                "referloop.salesforce.writeback-interval-ms=100"
        ).and(PasswordLogin.properties(salesforce())).applyTo(context);
    }

    private static Path copyOfTheShippedFiles() {
        try {
            Path folder = Files.createTempDirectory("referloop-live-files");
            ShippedRoutes.tickingOften(Files.createDirectory(folder.resolve("routes")), "hubspot-polling.camel.yaml",
                    HUBSPOT_TICK_MILLIS);
            Path mappings = Files.createDirectory(folder.resolve("mappings"));
            for (String file : new String[]{"program.yaml", "hubspot.yaml", "salesforce.yaml"}) {
                Files.copy(Path.of("mappings", file), mappings.resolve(file));
            }
            // the context lives as long as the test JVM, and watches the folder until then
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    FileSystemUtils.deleteRecursively(folder);
                } catch (IOException e) {
                    // a temporary folder left behind is harmless
                }
            }));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
