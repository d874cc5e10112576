package io.referloop.harness;

import io.referloop.ingest.StripeSignature;
import io.referloop.support.HubSpotWebhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Delivers {@link ReferralWorkload.Event}s to a connector, signed as HubSpot and Stripe sign them. */
final class WebhookSender {

    /** The status of a delivery that got no answer (refused, reset, timed out). */
    static final int NO_ANSWER = -1;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;
    private final HubSpotWebhooks hubspot;
    private final String stripeSecret;

    WebhookSender(String baseUrl, String publicBase, String hubspotSecret, String stripeSecret) {
        this.baseUrl = baseUrl;
        this.hubspot = new HubSpotWebhooks(baseUrl, publicBase, hubspotSecret);
        this.stripeSecret = stripeSecret;
    }

    /** One HubSpot request holding these event objects (HubSpot batches up to 100). */
    int hubspot(List<String> events) {
        try {
            return hubspot.send(HubSpotWebhooks.batch(events.toArray(String[]::new)));
        } catch (IllegalStateException noAnswer) {
            return NO_ANSWER;
        }
    }

    int stripe(String event) {
        byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
        long t = System.currentTimeMillis() / 1000;
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/webhooks/stripe"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", "t=" + t + ",v1=" + StripeSignature.sign(stripeSecret, t, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return NO_ANSWER;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NO_ANSWER;
        }
    }

    static boolean acknowledged(int status) {
        return status >= 200 && status < 300;
    }

    /** Sends one request of {@link #requests}: a Stripe event alone, or a HubSpot batch. */
    int send(List<ReferralWorkload.Event> request) {
        if (request.get(0).target() == ReferralWorkload.Target.STRIPE) {
            return stripe(request.get(0).json());
        }
        return hubspot(request.stream().map(ReferralWorkload.Event::json).toList());
    }

    /** A round of events as the senders deliver them: each Stripe event alone, HubSpot events in batches. */
    static List<List<ReferralWorkload.Event>> requests(List<ReferralWorkload.Event> round, int hubspotEventsPerRequest) {
        List<List<ReferralWorkload.Event>> requests = new ArrayList<>();
        List<ReferralWorkload.Event> batch = new ArrayList<>();
        for (ReferralWorkload.Event e : round) {
            if (e.target() == ReferralWorkload.Target.STRIPE) {
                requests.add(List.of(e));
            } else {
                batch.add(e);
                if (batch.size() == hubspotEventsPerRequest) {
                    requests.add(batch);
                    batch = new ArrayList<>();
                }
            }
        }
        if (!batch.isEmpty()) {
            requests.add(batch);
        }
        return requests;
    }
}
