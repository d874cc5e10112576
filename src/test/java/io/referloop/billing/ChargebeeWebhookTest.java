package io.referloop.billing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.referloop.referral.Advocate;
import io.referloop.referral.ReferralService;
import io.referloop.support.SharedContext;
import io.referloop.support.SharedContextProperties;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Chargebee webhooks with the re-read on: each event is read again from Chargebee's API (here a WireMock stub shaped
 * like {@code GET /api/v2/events/{id}}) and only Chargebee's copy is acted on.
 */
@SharedContext
class ChargebeeWebhookTest {

    static final String API_KEY = SharedContextProperties.CHARGEBEE_API_KEY;
    static final String NOT_FOUND = "{\"message\":\"Sorry, we couldn't find that resource\",\"type\":\"invalid_request\","
            + "\"api_error_code\":\"resource_not_found\",\"error_code\":\"resource_not_found\","
            + "\"error_msg\":\"Sorry, we couldn't find that resource\",\"http_status_code\":404}";
    static final WireMockServer chargebee = SharedContextProperties.chargebee();

    @BeforeAll
    static void chargebeeAnswersAnUnknownEventWithResourceNotFound() {
        chargebee.stubFor(get(urlPathMatching("/api/v2/events/.*")).atPriority(10)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody(NOT_FOUND)));
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ReferralService referrals;
    @Autowired
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anEventWithTheRightCredentialsIsStoredAndAnswered200() throws Exception {
        String id = "ev_" + UUID.randomUUID();
        assertThat(send(event(id, "customer_created", "x@y.io", 0), "chargebee", "s3cret-pass").statusCode()).isEqualTo(200);
        assertThat(stored(id)).isEqualTo(1);
    }

    @Test
    void aDuplicateIsAnswered200AndStoredOnce() throws Exception {
        String id = "ev_" + UUID.randomUUID();
        String body = event(id, "customer_created", "x@y.io", 0);
        send(body, "chargebee", "s3cret-pass");
        assertThat(send(body, "chargebee", "s3cret-pass").statusCode()).isEqualTo(200);
        assertThat(stored(id)).isEqualTo(1);
    }

    @Test
    void wrongOrMissingCredentialsAre401AndStoreNothing() throws Exception {
        String id = "ev_" + UUID.randomUUID();
        assertThat(send(event(id, "payment_succeeded", "x@y.io", 100), "chargebee", "wrong").statusCode()).isEqualTo(401);
        assertThat(send(event(id, "payment_succeeded", "x@y.io", 100), null, null).statusCode()).isEqualTo(401);
        assertThat(stored(id)).isZero();
    }

    @Test
    void aBodyThatIsNotAChargebeeEventIs400() throws Exception {
        assertThat(send("{\"hello\":1}", "chargebee", "s3cret-pass").statusCode()).isEqualTo(400);
    }

    @Test
    void aReferredCustomersFirstPaymentConvertsOnChargebeesOwnCopy() throws Exception {
        String friend = referredFriend();
        String id = "ev_" + UUID.randomUUID();
        String event = event(id, "payment_succeeded", friend, 2900);
        chargebeeKnows(id, event);

        send(event, "chargebee", "s3cret-pass");

        await().atMost(Duration.ofSeconds(10)).until(() -> rewardsOf(friend) == 1);
        chargebee.verify(getRequestedFor(urlPathEqualTo("/api/v2/events/" + id))
                .withBasicAuth(new BasicCredentials(API_KEY, "")));
    }

    @Test
    void aPaymentChargebeeDoesNotKnowIsAnswered200AndChangesNothing() throws Exception {
        String friend = referredFriend();
        String id = "ev_" + UUID.randomUUID();

        assertThat(send(event(id, "payment_succeeded", friend, 2900), "chargebee", "s3cret-pass").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> "IGNORED".equals(status(id)));
        assertThat(lastError(id)).contains("Chargebee does not know event " + id);
        assertThat(rewardsOf(friend)).isZero();
    }

    @Test
    void whatTheDeliveryClaimsIsNotActedOnWhenChargebeesCopySaysOtherwise() throws Exception {
        String friend = referredFriend();
        String id = "ev_" + UUID.randomUUID();
        chargebeeKnows(id, event(id, "customer_created", friend, 0));

        send(event(id, "payment_succeeded", friend, 2900), "chargebee", "s3cret-pass");

        await().atMost(Duration.ofSeconds(10)).until(() -> "IGNORED".equals(status(id)));
        assertThat(rewardsOf(friend)).isZero();
    }

    @Test
    void anEventThatCannotBeReadNowWaitsAndIsActedOnOnceChargebeeAnswers() throws Exception {
        String friend = referredFriend();
        String id = "ev_" + UUID.randomUUID();
        String event = event(id, "payment_succeeded", friend, 2900);
        chargebee.stubFor(get(urlPathEqualTo("/api/v2/events/" + id)).atPriority(5).willReturn(aResponse().withStatus(503)));

        send(event, "chargebee", "s3cret-pass");
        await().atMost(Duration.ofSeconds(10)).until(() -> lastError(id) != null && lastError(id).contains("503"));
        assertThat(status(id)).isEqualTo("CLAIMED");
        assertThat(rewardsOf(friend)).isZero();

        chargebeeKnows(id, event);
        // as if the 30 s the event waits had passed
        jdbc.sql("UPDATE inbox_event SET claimed_until = ? WHERE external_id = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(1)), id).update();

        await().atMost(Duration.ofSeconds(10)).until(() -> rewardsOf(friend) == 1);
        assertThat(status(id)).isEqualTo("DONE");
    }

    @Test
    void aRefundMatchingNoPaymentIsCountedAndSetAsideWithItsReason() throws Exception {
        String id = "ev_" + UUID.randomUUID();
        double before = unmatchedRefunds();
        String refund = event(id, "payment_refunded", "x@y.io", 2900);
        chargebeeKnows(id, refund);

        send(refund, "chargebee", "s3cret-pass");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql("""
                        SELECT status || ': ' || COALESCE(last_error, '') FROM inbox_event WHERE source = 'chargebee' AND external_id = ?""")
                .param(id).query(String.class).single()).isEqualTo("IGNORED: refund matches no converted payment"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(unmatchedRefunds()).isEqualTo(before + 1));
    }

    @Test
    void anEventIdTooLongForTheInboxIs400NotA503() throws Exception {
        String body = event("ev_" + "x".repeat(300), "customer_created", "x@y.io", 0);
        assertThat(send(body, "chargebee", "s3cret-pass").statusCode()).isEqualTo(400);
    }

    @Test
    void anEventFollowedByMoreJsonIs400AndStoresNothing() throws Exception {
        String id = "ev_" + UUID.randomUUID();
        assertThat(send(event(id, "customer_created", "x@y.io", 0) + "{}", "chargebee", "s3cret-pass").statusCode()).isEqualTo(400);
        assertThat(stored(id)).isZero();
    }

    @Test
    void theBasicSchemeIsMatchedWhateverItsCase() throws Exception {
        String id = "ev_" + UUID.randomUUID();
        String credentials = Base64.getEncoder().encodeToString("chargebee:s3cret-pass".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/chargebee"))
                .header("Content-Type", "application/json").header("Authorization", "basic " + credentials)
                .POST(HttpRequest.BodyPublishers.ofString(event(id, "customer_created", "x@y.io", 0))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(stored(id)).isEqualTo(1);
    }

    private HttpResponse<String> send(String body, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/chargebee"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private double unmatchedRefunds() {
        Counter counter = meters.find("referloop.billing.unmatched.refunds").tags("source", "chargebee", "kind", "refund").counter();
        return counter == null ? 0 : counter.count();
    }

    private String referredFriend() {
        Advocate advocate = referrals.enrolByHand("adv-" + UUID.randomUUID() + "@cb.io", "Cee");
        String friend = "friend@customer-" + UUID.randomUUID() + ".io";
        referrals.register(advocate.code(), friend, null);
        return friend;
    }

    /** Chargebee's API holds the event: {@code {"event": {...}}} for the API key, as the events resource answers. */
    private static void chargebeeKnows(String id, String event) {
        String resource = event.substring(0, event.length() - 1) + ",\"webhook_status\":\"scheduled\","
                + "\"webhooks\":[{\"id\":\"whv2_referloop\",\"webhook_status\":\"scheduled\",\"object\":\"webhook\"}]}";
        chargebee.stubFor(get(urlPathEqualTo("/api/v2/events/" + id)).atPriority(1)
                .withBasicAuth(API_KEY, "")
                .willReturn(okJson("{\"event\":" + resource + "}")));
    }

    private long rewardsOf(String email) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM reward r JOIN referral f ON f.id = r.referral_id WHERE f.referred_email = ?""")
                .param(email).query(Long.class).single();
    }

    private String status(String id) {
        return jdbc.sql("SELECT status FROM inbox_event WHERE source = 'chargebee' AND external_id = ?")
                .param(id).query(String.class).optional().orElse(null);
    }

    private String lastError(String id) {
        return jdbc.sql("SELECT last_error FROM inbox_event WHERE source = 'chargebee' AND external_id = ?")
                .param(id).query(String.class).optional().orElse(null);
    }

    private long stored(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM inbox_event WHERE source = 'chargebee' AND external_id = ?")
                .param(id).query(Long.class).single();
    }

    private static String event(String id, String type, String email, long amountPaid) {
        return "{\"id\":\"" + id + "\",\"occurred_at\":1750000000,\"source\":\"scheduled_job\",\"object\":\"event\","
                + "\"api_version\":\"v2\",\"event_type\":\"" + type + "\",\"content\":{"
                + "\"transaction\":{\"id\":\"txn_" + id + "\",\"amount\":" + amountPaid + ",\"currency_code\":\"USD\"},"
                + "\"invoice\":{\"id\":\"inv_" + id + "\",\"status\":\"paid\",\"amount_paid\":" + amountPaid
                + ",\"currency_code\":\"USD\",\"first_invoice\":true},"
                + "\"customer\":{\"id\":\"cust_1\",\"email\":\"" + email + "\",\"first_name\":\"Fay\",\"last_name\":\"Reed\"}}}";
    }
}
