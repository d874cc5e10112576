package io.referloop.bench;

import io.referloop.ingest.HubSpotSignatureV3;
import io.referloop.ingest.StripeSignature;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signs and sends webhooks as HubSpot (v3 signature, JSON array of events) and Stripe
 * ({@code Stripe-Signature}, one event) do. Bodies and signatures are made per request, as the senders make them.
 */
final class WebhookSender {

    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() * 1000);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI hubspotUri;
    private final URI stripeUri;
    private final String signedHubSpotUri;
    private final HubSpotSignatureV3 hubspotSigner;
    private final String stripeSecret;

    WebhookSender(String localBase, String publicBase, String hubspotSecret, String stripeSecret) {
        this.hubspotUri = URI.create(localBase + "/webhooks/hubspot");
        this.stripeUri = URI.create(localBase + "/webhooks/stripe");
        this.signedHubSpotUri = publicBase + "/webhooks/hubspot";
        this.hubspotSigner = new HubSpotSignatureV3(hubspotSecret, Clock.systemUTC());
        this.stripeSecret = stripeSecret;
    }

    /** A HubSpot batch; returns the status code. A property change is one of {@code nps_score}. */
    int hubspot(String type, List<String> objectIds) throws Exception {
        return hubspot(type, objectIds, "nps_score");
    }

    /** A HubSpot batch whose property changes name {@code property}. */
    int hubspot(String type, List<String> objectIds, String property) throws Exception {
        return http.send(hubspotRequest(type, objectIds, property), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    CompletableFuture<Integer> hubspotAsync(String type, List<String> objectIds) {
        return http.sendAsync(hubspotRequest(type, objectIds, "nps_score"), HttpResponse.BodyHandlers.discarding())
                .thenApply(HttpResponse::statusCode);
    }

    int stripe(String customerEmail) throws Exception {
        return http.send(stripeRequest(customerEmail), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    CompletableFuture<Integer> stripeAsync(String customerEmail) {
        return http.sendAsync(stripeRequest(customerEmail), HttpResponse.BodyHandlers.discarding())
                .thenApply(HttpResponse::statusCode);
    }

    private HttpRequest hubspotRequest(String type, List<String> objectIds, String property) {
        StringBuilder json = new StringBuilder("[");
        long now = System.currentTimeMillis();
        for (String objectId : objectIds) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"eventId\":").append(IDS.incrementAndGet())
                    .append(",\"subscriptionId\":2512,\"portalId\":62515,\"appId\":1160452,\"occurredAt\":").append(now)
                    .append(",\"subscriptionType\":\"").append(type).append("\",\"attemptNumber\":0,\"objectId\":")
                    .append(objectId).append(",\"changeSource\":\"CRM\"");
            if (type.endsWith("propertyChange")) {
                json.append(",\"propertyName\":\"").append(property).append("\",\"propertyValue\":\"7\"");
            }
            json.append('}');
        }
        byte[] body = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(now);
        return HttpRequest.newBuilder(hubspotUri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-HubSpot-Signature-v3", hubspotSigner.sign("POST", signedHubSpotUri, body, timestamp))
                .header("X-HubSpot-Request-Timestamp", timestamp)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** A first paid subscription invoice: a conversion when the customer was referred, ignored otherwise. */
    private HttpRequest stripeRequest(String customerEmail) {
        long id = IDS.incrementAndGet();
        long now = System.currentTimeMillis() / 1000;
        byte[] body = ("{\"id\":\"evt_" + id + "\",\"object\":\"event\",\"api_version\":\"2024-06-20\",\"created\":" + now
                + ",\"livemode\":false,\"pending_webhooks\":1,\"type\":\"invoice.paid\",\"data\":{\"object\":{"
                + "\"id\":\"in_" + id + "\",\"object\":\"invoice\",\"customer\":\"cus_" + id + "\",\"customer_email\":\""
                + customerEmail + "\",\"amount_paid\":4900,\"currency\":\"usd\",\"billing_reason\":\"subscription_create\","
                + "\"charge\":\"ch_" + id + "\",\"status\":\"paid\"}}}").getBytes(StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(stripeUri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", "t=" + now + ",v1=" + StripeSignature.sign(stripeSecret, now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }
}
