package io.referloop.loop;

import io.referloop.demo.FakeHubSpot;
import io.referloop.demo.FakeTremendous;
import io.referloop.support.HubSpotWebhooks;
import io.referloop.support.TremendousProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the loop tests on a database share, so that they share one Spring context: the whole connector on a random
 * port, against one fake HubSpot and one fake Tremendous, with one set of secrets and timers. The contracts extend it
 * and add nothing to the configuration; {@link LoopOnH2IT} and {@link LoopOnPostgresIT} add the database. With the
 * fakes and the live issuing of rewards shared, the tests keep apart by data: each counts only what its own
 * advocates, friends and domains (unique per test) did.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class LoopContext {

    static final String TOKEN = "pat-na1-test-token";
    static final String SECRET = "test-client-secret";
    static final String ADMIN = "admin-test-token";
    static final String WHSEC = "whsec_loop";
    static final String TREMENDOUS_KEY = "TEST_loop";
    static final String PUBLIC_BASE = "https://referloop.example.com";
    static final FakeHubSpot hubspot = new FakeHubSpot(TOKEN).start();
    static final FakeTremendous tremendous = new FakeTremendous(TREMENDOUS_KEY).start();

    static {
        // a portal allowed 1000 calls per 10 s, and the connector told so (rate-limit-per-10s below): at HubSpot's
        // default 100 a busy test met a 429 and waited out the 10 s window
        hubspot.setRateLimitPer10s(1000);
    }

    @DynamicPropertySource
    static void loopProperties(DynamicPropertyRegistry registry) {
        registry.add("referloop.hubspot.base-url", hubspot::baseUrl);
        registry.add("referloop.hubspot.access-token", () -> TOKEN);
        registry.add("referloop.hubspot.client-secret", () -> SECRET);
        // the default of 100 calls per 10 s spaces HubSpot calls 100 ms apart: the loop would wait on the quota
        registry.add("referloop.hubspot.rate-limit-per-10s", () -> "1000");
        registry.add("referloop.admin.token", () -> ADMIN);
        registry.add("referloop.public-base-url", () -> PUBLIC_BASE);
        registry.add("referloop.stripe.webhook-secret", () -> WHSEC);
        TremendousProperties.register(registry, tremendous, TREMENDOUS_KEY);
        // an order answered later than this counts as unknown and is retried with the same key
        registry.add("referloop.tremendous.timeout", () -> "500ms");
        registry.add("referloop.inbox.poll-interval-ms", () -> "50");
        registry.add("referloop.hubspot.writeback-interval-ms", () -> "50");
        registry.add("referloop.rewards.issue-interval-ms", () -> "100");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    /** An advocate of one test: unique email, HubSpot contact and referral code. */
    record Advocate(String contactId, String email, String code) {
    }

    HubSpotWebhooks webhooks() {
        return new HubSpotWebhooks("http://localhost:" + port, PUBLIC_BASE, SECRET);
    }
}
