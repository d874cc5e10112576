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

/**
 * The settings of the {@link LiveFilesContext}: a copy of the shipped routes/ and mappings/ in one temporary folder,
 * HubSpot polled each second and the Salesforce org every 400 ms (both fakes started once per test JVM, the org
 * letting the {@link PasswordLogin} user in), CRM writes and the inbox drained within a tenth of a second.
 */
public final class LiveFilesProperties implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String HUBSPOT_TOKEN = "pat-live-files";
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
                "referloop.hubspot.poll-interval=1s",
                "referloop.hubspot.rate-limit-per-10s=1000",
                "referloop.hubspot.writeback-interval-ms=50",
                "referloop.salesforce.poll-interval=400ms",
                "referloop.salesforce.writeback-interval-ms=100"
        ).and(PasswordLogin.properties(salesforce())).applyTo(context);
    }

    private static Path copyOfTheShippedFiles() {
        try {
            Path folder = Files.createTempDirectory("referloop-live-files");
            ShippedRoutes.copy(Files.createDirectory(folder.resolve("routes")));
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
