package io.referloop.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The settings of the {@link SharedContext}: every inbound channel on (Stripe with a rotated secret, Chargebee with
 * its re-read against {@link #chargebee()}, Salesforce outbound messages, the admin API), rewards ordered only when a
 * test orders them (the issuing job waits an hour), the inbox drained every 50 ms, and a copy of the shipped
 * mappings that {@link Programme} rewrites while running. No CRM poller and no gift-card API: flows that need those
 * have contexts of their own, or share the {@link LiveFilesContext}.
 */
public final class SharedContextProperties implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String ADMIN_TOKEN = "shared-context-admin-token";
    public static final String STRIPE_SECRET = "whsec_current";
    public static final String STRIPE_PREVIOUS_SECRET = "whsec_old";
    public static final String CHARGEBEE_USER = "chargebee";
    public static final String CHARGEBEE_PASSWORD = "s3cret-pass";
    public static final String CHARGEBEE_API_KEY = "test_cb_api_key";
    public static final String SALESFORCE_ORGANIZATION = "00Dxx0000000001EAA";

    private static final Path MAPPINGS = TestMappings.withProgram();
    private static WireMockServer chargebee;

    /** Chargebee's API, started once per test JVM; tests stub the events they need. */
    public static synchronized WireMockServer chargebee() {
        if (chargebee == null) {
            chargebee = new WireMockServer(options().dynamicPort());
            chargebee.start();
        }
        return chargebee;
    }

    /** The mappings folder of the shared context ({@link Programme} rewrites its program.yaml). */
    static Path mappings() {
        return MAPPINGS;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                "spring.datasource.url=jdbc:h2:mem:shared-context;DB_CLOSE_DELAY=-1",
                "referloop.mappings.dir=" + MAPPINGS,
                "referloop.admin.token=" + ADMIN_TOKEN,
                "referloop.rewards.issue-interval-ms=3600000",
                "referloop.inbox.poll-interval-ms=50",
                "referloop.stripe.webhook-secret=" + STRIPE_PREVIOUS_SECRET + "," + STRIPE_SECRET,
                "referloop.chargebee.webhook-username=" + CHARGEBEE_USER,
                "referloop.chargebee.webhook-password=" + CHARGEBEE_PASSWORD,
                "referloop.chargebee.site=acme-test",
                "referloop.chargebee.api-key=" + CHARGEBEE_API_KEY,
                "referloop.chargebee.base-url=" + chargebee().baseUrl() + "/api/v2",
                "referloop.salesforce.organization-id=" + SALESFORCE_ORGANIZATION
        ).applyTo(context);
    }
}
