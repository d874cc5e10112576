package io.referloop.billing;

import io.referloop.ingest.StripeSignature;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "referloop.stripe.webhook-secret=whsec_old,whsec_current",
        "spring.datasource.url=jdbc:h2:mem:stripe-webhooks;DB_CLOSE_DELAY=-1"})
class StripeWebhookTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSignedEventIsStoredAndAnswered200() throws Exception {
        String id = eventId();
        assertThat(send(event(id, "invoice.paid"), "whsec_current").statusCode()).isEqualTo(200);
        assertThat(stored(id)).isEqualTo(1);
    }

    @Test
    void anEventTypeReferloopDoesNotUseIsStillAnswered200() throws Exception {
        String id = eventId();
        assertThat(send(event(id, "customer.updated"), "whsec_current").statusCode()).isEqualTo(200);
    }

    @Test
    void theSameEventDeliveredFiveTimesConcurrentlyIsStoredOnce() {
        String id = eventId();
        String body = event(id, "invoice.paid");
        List<CompletableFuture<Integer>> deliveries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            deliveries.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return send(body, "whsec_current").statusCode();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        assertThat(deliveries).allSatisfy(d -> assertThat(d.join()).isEqualTo(200));
        assertThat(stored(id)).isEqualTo(1);
    }

    @Test
    void theOldSecretStillWorksWhileRotating() throws Exception {
        String id = eventId();
        assertThat(send(event(id, "invoice.paid"), "whsec_old").statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongSecretIs401AndStoresNothing() throws Exception {
        String id = eventId();
        assertThat(send(event(id, "invoice.paid"), "whsec_wrong").statusCode()).isEqualTo(401);
        assertThat(stored(id)).isZero();
    }

    @Test
    void aSignedBodyThatIsNotAStripeEventIs400() throws Exception {
        assertThat(send("{\"hello\":\"world\"}", "whsec_current").statusCode()).isEqualTo(400);
    }

    @Test
    void aSignedEventEncodedInUtf16Is400AndStoresNothing() throws Exception {
        String id = eventId();
        assertThat(send(event(id, "invoice.paid").getBytes(StandardCharsets.UTF_16LE), "whsec_current").statusCode()).isEqualTo(400);
        assertThat(stored(id)).isZero();
    }

    @Test
    void aSignedEventWithAnOverlongUtf8SequenceIs400() throws Exception {
        byte[] body = event(eventId(), "invoice.paid").replace("Zoë", "Zo@").getBytes(StandardCharsets.UTF_8);
        int at = new String(body, StandardCharsets.UTF_8).indexOf('@');
        byte[] overlong = new byte[body.length + 1];
        System.arraycopy(body, 0, overlong, 0, at);
        overlong[at] = (byte) 0xC0;
        overlong[at + 1] = (byte) 0xAF;
        System.arraycopy(body, at + 1, overlong, at + 2, body.length - at - 1);
        assertThat(send(overlong, "whsec_current").statusCode()).isEqualTo(400);
    }

    @Test
    void aSignedEventFollowedByMoreBytesIs400AndStoresNothing() throws Exception {
        String id = eventId();
        assertThat(send(event(id, "invoice.paid") + "\u0000{}", "whsec_current").statusCode()).isEqualTo(400);
        assertThat(stored(id)).isZero();
    }

    @Test
    void anEventIdTooLongForTheInboxIs400NotA503() throws Exception {
        assertThat(send(event("evt_" + "x".repeat(300), "invoice.paid"), "whsec_current").statusCode()).isEqualTo(400);
    }

    @Test
    void anEventIdWithANulCharacterIs400() throws Exception {
        assertThat(send(event("evt_a\\u0000b", "invoice.paid"), "whsec_current").statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> send(String body, String secret) throws Exception {
        return send(body.getBytes(StandardCharsets.UTF_8), secret);
    }

    private HttpResponse<String> send(byte[] bytes, String secret) throws Exception {
        long t = System.currentTimeMillis() / 1000;
        String header = "t=" + t + ",v1=" + StripeSignature.sign(secret, t, bytes);
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/stripe"))
                .header("Content-Type", "application/json").header("Stripe-Signature", header)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long stored(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM inbox_event WHERE source = 'stripe' AND external_id = ?")
                .param(id).query(Long.class).single();
    }

    private static String eventId() {
        return "evt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private static String event(String id, String type) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"api_version\":\"2026-03-25.dahlia\",\"created\":1750000000,"
                + "\"type\":\"" + type + "\",\"livemode\":false,\"pending_webhooks\":1,"
                + "\"data\":{\"object\":{\"id\":\"in_123\",\"object\":\"invoice\",\"billing_reason\":\"subscription_create\","
                + "\"customer\":\"cus_1\",\"customer_email\":\"Zoë@example.com\",\"amount_paid\":4900,\"currency\":\"usd\"}}}";
    }
}
