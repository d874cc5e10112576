package io.referloop.support;

import io.referloop.ingest.HubSpotSignatureV3;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/** Sends webhooks to a running connector the way HubSpot does: a JSON array, signed with v3. */
public class HubSpotWebhooks {

    private static final AtomicLong EVENT_IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private final HttpClient http = HttpClient.newHttpClient();
    private final String localBase;
    private final String publicBase;
    private final HubSpotSignatureV3 signer;

    public HubSpotWebhooks(String localBase, String publicBase, String clientSecret) {
        this.localBase = localBase;
        this.publicBase = publicBase;
        this.signer = new HubSpotSignatureV3(clientSecret, Clock.systemUTC());
    }

    public static String contactCreated(String contactId) {
        return event("contact.creation", contactId, null, null);
    }

    public static String propertyChanged(String contactId, String property, String value) {
        return event("contact.propertyChange", contactId, property, value);
    }

    /** A property set by a HubSpot user in the CRM: {@code changeSource} CRM, {@code sourceId} {@code userId:<id>}. */
    public static String propertyChangedByUser(String type, String objectId, String property, String value,
                                               String userId) {
        return event(type, objectId, property, value)
                .replace("\"changeSource\":\"CRM\"", "\"changeSource\":\"CRM\",\"sourceId\":\"userId:" + userId + "\"");
    }

    public static String event(String type, String objectId, String property, String value) {
        long eventId = EVENT_IDS.incrementAndGet();
        String change = property == null ? "" : ",\"propertyName\":\"" + property + "\",\"propertyValue\":\"" + value + "\"";
        return "{\"eventId\":" + eventId + ",\"subscriptionId\":25,\"portalId\":62515,\"appId\":1160452,"
                + "\"occurredAt\":" + System.currentTimeMillis() + ",\"subscriptionType\":\"" + type + "\","
                + "\"attemptNumber\":0,\"objectId\":" + objectId + ",\"changeSource\":\"CRM\"" + change + "}";
    }

    public static String batch(String... events) {
        return "[" + String.join(",", events) + "]";
    }

    public int send(String body) {
        return send(body.getBytes(StandardCharsets.UTF_8));
    }

    public int send(byte[] body) {
        String timestamp = Long.toString(System.currentTimeMillis());
        String signature = signer.sign("POST", publicBase + "/webhooks/hubspot", body, timestamp);
        return send(body, signature, timestamp);
    }

    public int send(byte[] body, String signature, String timestamp) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(localBase + "/webhooks/hubspot"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-HubSpot-Signature-v3", signature);
        }
        if (timestamp != null) {
            request.header("X-HubSpot-Request-Timestamp", timestamp);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String sign(byte[] body, String timestamp) {
        return signer.sign("POST", publicBase + "/webhooks/hubspot", body, timestamp);
    }
}
