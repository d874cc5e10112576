package io.referloop.admin;

import io.micrometer.core.instrument.MeterRegistry;
import io.referloop.ingest.StripeSignature;
import io.referloop.support.SharedContext;
import io.referloop.support.SharedContextProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;

import jakarta.servlet.Filter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks pass no security filter (their controllers authenticate the sender), while the machines' API and the
 * console keep theirs: the admin token, the login form.
 */
@SharedContext
class WebhookSecurityChainTest {

    private static final String ADMIN_TOKEN = SharedContextProperties.ADMIN_TOKEN;
    private static final String WHSEC = SharedContextProperties.STRIPE_SECRET;

    @LocalServerPort
    int port;
    @Autowired
    FilterChainProxy security;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void webhooksPassNoSecurityFilterWhileTheApiAndTheConsoleDo() {
        for (String webhook : List.of("/webhooks/hubspot", "/webhooks/stripe", "/webhooks/chargebee", "/webhooks/salesforce")) {
            assertThat(filters("POST", webhook)).as(webhook).isEmpty();
        }
        assertThat(filters("GET", "/api/rewards")).isNotEmpty();
        assertThat(filters("POST", "/api/rewards/1/approve")).isNotEmpty();
        assertThat(filters("GET", "/console")).isNotEmpty();
        assertThat(filters("GET", "/actuator/prometheus")).isNotEmpty();
    }

    @Test
    void theApiAndTheConsoleAreStillProtected() throws Exception {
        assertThat(get("/api/rewards", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/rewards", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(get("/api/rewards", "Bearer " + ADMIN_TOKEN).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        HttpResponse<String> console = get("/console", null);
        assertThat(console.statusCode()).isEqualTo(302);
        assertThat(console.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void requestsAreTimedOnceNotPerSecurityFilter() throws Exception {
        assertThat(get("/api/rewards", "Bearer " + ADMIN_TOKEN).statusCode()).isEqualTo(200);
        assertThat(get("/console", null).statusCode()).isEqualTo(302);
        // the server times a request once its answer is out
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(meters.find("http.server.requests").tag("uri", "/api/rewards").timer()).isNotNull());
        assertThat(meters.getMeters()).noneMatch(m -> m.getId().getName().startsWith("spring.security."));
    }

    @Test
    void aWebhookStillAuthenticatesItsSenderAndIsStoredOnce() throws Exception {
        String id = "evt_" + UUID.randomUUID().toString().replace("-", "");
        byte[] body = ("{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"invoice.paid\",\"created\":1750000000,"
                + "\"data\":{\"object\":{\"id\":\"in_1\",\"object\":\"invoice\",\"customer\":\"cus_1\"}}}")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> forged = stripe(body, "whsec_forged");
        assertThat(forged.statusCode()).isEqualTo(401);
        // the controller's refusal (a problem detail naming the signature), not a filter's empty 401
        assertThat(forged.body()).contains("\"detail\"");
        assertThat(stored(id)).isZero();

        assertThat(stripe(body, WHSEC).statusCode()).isEqualTo(200);
        HttpResponse<String> again = stripe(body, WHSEC);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"duplicate\":true");
        assertThat(stored(id)).isEqualTo(1);
    }

    @Test
    void dotSegmentsUnderTheWebhookPathDoNotReachTheApi() throws Exception {
        for (String path : List.of("/webhooks/%2e%2e/api/rewards", "/webhooks/..;/api/rewards", "/webhooks/%2F..%2Fapi/rewards")) {
            HttpResponse<String> response = get(path, null);
            assertThat(response.statusCode()).as(path).isIn(400, 401, 404);
            assertThat(response.body()).as(path).doesNotContain("\"rewards\"");
        }
    }

    private List<Filter> filters(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        return security.getFilterChains().stream().filter(chain -> chain.matches(request)).findFirst()
                .map(SecurityFilterChain::getFilters).orElseThrow();
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> stripe(byte[] body, String secret) throws Exception {
        long t = System.currentTimeMillis() / 1000;
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/stripe"))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", "t=" + t + ",v1=" + StripeSignature.sign(secret, t, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long stored(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM inbox_event WHERE source = 'stripe' AND external_id = ?")
                .param(id).query(Long.class).single();
    }
}
