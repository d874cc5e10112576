package io.referloop.billing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.referloop.referral.Advocate;
import io.referloop.referral.ReferralService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "referloop.chargebee.webhook-username=chargebee",
        "referloop.chargebee.webhook-password=s3cret-pass",
        "referloop.inbox.poll-interval-ms=50",
        "spring.datasource.url=jdbc:h2:mem:chargebee-webhooks;DB_CLOSE_DELAY=-1"})
class ChargebeeWebhookTest {

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
    void aReferredCustomersFirstPaymentConverts() throws Exception {
        Advocate advocate = referrals.enrolByHand("adv-" + UUID.randomUUID() + "@cb.io", "Cee");
        String friend = "friend@customer-" + UUID.randomUUID() + ".io";
        referrals.register(advocate.code(), friend, null);
        send(event("ev_" + UUID.randomUUID(), "payment_succeeded", friend, 2900), "chargebee", "s3cret-pass");

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                SELECT COUNT(*) FROM reward r JOIN referral f ON f.id = r.referral_id WHERE f.referred_email = ?""")
                .param(friend).query(Long.class).single() == 1);
    }

    @Test
    void aRefundMatchingNoPaymentIsCountedAndSetAsideWithItsReason() throws Exception {
        String id = "ev_" + UUID.randomUUID();
        double before = unmatchedRefunds();

        send(event(id, "payment_refunded", "x@y.io", 2900), "chargebee", "s3cret-pass");

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
