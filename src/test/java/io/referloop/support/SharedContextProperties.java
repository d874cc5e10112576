package io.referloop.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.referloop.console.FakeOpenIdProvider;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The settings of the {@link SharedContext}: every inbound channel on (Stripe with a rotated secret, Chargebee with
 * its re-read against {@link #chargebee()}, Salesforce outbound messages, the admin API), rewards ordered only when a
 * test orders them (the issuing job waits an hour), the inbox drained every 50 ms, a copy of the shipped mappings
 * that {@link Programme} rewrites while running, and the console's sign-in through an OpenID provider
 * ({@link #openIdProvider()}) for an admin ({@value #CONSOLE_ADMIN}) and a viewer (vic, {@value #CONSOLE_VIEWER}).
 * No CRM poller and no gift-card API: flows that need those have contexts of
 * their own, or share the {@link LiveFilesContext}.
 */
public final class SharedContextProperties implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String ADMIN_TOKEN = "shared-context-admin-token";
    public static final String STRIPE_SECRET = "whsec_current";
    public static final String STRIPE_PREVIOUS_SECRET = "whsec_old";
    public static final String CHARGEBEE_USER = "chargebee";
    public static final String CHARGEBEE_PASSWORD = "s3cret-pass";
    public static final String CHARGEBEE_API_KEY = "test_cb_api_key";
    public static final String SALESFORCE_ORGANIZATION = "00Dxx0000000001EAA";
    private static final String CONSOLE_ADMIN = "ada@ops.example";
    private static final String CONSOLE_VIEWER = "vic@ops.example";
    /** The registration id of the OpenID provider, in the console's sign-in URL. */
    private static final String OPENID_REGISTRATION = "company-sso";
    private static final String OPENID_CLIENT_ID = "console-client";
    private static final String OPENID_CLIENT_SECRET = "console-client-secret";

    private static final String OPENID = "spring.security.oauth2.client.";
    private static final Path MAPPINGS = TestMappings.withProgram();
    private static WireMockServer chargebee;
    private static FakeOpenIdProvider openIdProvider;

    /** Chargebee's API, started once per test JVM; tests stub the events they need. */
    public static synchronized WireMockServer chargebee() {
        if (chargebee == null) {
            chargebee = new WireMockServer(options().dynamicPort());
            chargebee.start();
        }
        return chargebee;
    }

    /** The console's OpenID provider, started once per test JVM; tests say who signs in next. */
    public static synchronized FakeOpenIdProvider openIdProvider() {
        if (openIdProvider == null) {
            openIdProvider = new FakeOpenIdProvider(OPENID_CLIENT_ID, OPENID_CLIENT_SECRET).start();
        }
        return openIdProvider;
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
                "referloop.salesforce.organization-id=" + SALESFORCE_ORGANIZATION,
                // console users sign in through the provider only: their passwords are never asked for
                "referloop.console.users[0].username=" + CONSOLE_ADMIN,
                "referloop.console.users[0].password={noop}unused-with-openid",
                "referloop.console.users[0].roles[0]=admin",
                "referloop.console.users[1].username=vic",
                "referloop.console.users[1].email=" + CONSOLE_VIEWER,
                "referloop.console.users[1].password={noop}unused-with-openid",
                "referloop.console.users[1].roles[0]=viewer",
                OPENID + "registration." + OPENID_REGISTRATION + ".client-id=" + OPENID_CLIENT_ID,
                OPENID + "registration." + OPENID_REGISTRATION + ".client-secret=" + OPENID_CLIENT_SECRET,
                OPENID + "registration." + OPENID_REGISTRATION + ".client-name=Company SSO",
                OPENID + "registration." + OPENID_REGISTRATION + ".scope=openid,email",
                OPENID + "provider." + OPENID_REGISTRATION + ".issuer-uri=" + openIdProvider().issuer()
        ).applyTo(context);
    }
}
