package io.referloop.demo;

import io.referloop.ingest.HubSpotSignatureV3;
import io.referloop.ingest.StripeSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Plays the referral loop once the connector is listening, through its real HTTP endpoints:
 * a promoter's NPS score, enrolment, a click on the link, a sign-up with the code, attribution,
 * the friend's first payment, and a gift card ordered at the fake Tremendous.
 */
@Component
@Profile("demo")
class DemoStory {

    private static final Logger log = LoggerFactory.getLogger(DemoStory.class);

    private final FakeHubSpot hubspot;
    private final FakeTremendous tremendous;
    private final String stripeSecret;
    private final String publicBaseUrl;
    private final HubSpotSignatureV3 signer;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    DemoStory(FakeHubSpot hubspot, FakeTremendous tremendous, @Value("${referloop.public-base-url}") String publicBaseUrl,
              @Value("${referloop.hubspot.client-secret}") String clientSecret,
              @Value("${referloop.stripe.webhook-secret}") String stripeSecret) {
        this.hubspot = hubspot;
        this.tremendous = tremendous;
        this.stripeSecret = stripeSecret;
        this.publicBaseUrl = publicBaseUrl;
        this.signer = new HubSpotSignatureV3(clientSecret, Clock.systemUTC());
    }

    @EventListener
    void onStarted(WebServerInitializedEvent event) {
        String local = "http://localhost:" + event.getWebServer().getPort();
        Thread story = new Thread(() -> play(local), "demo-story");
        story.setDaemon(true);
        story.start();
    }

    private void play(String local) {
        try {
            Thread.sleep(1500);
            say("1. Ada Lovelace (ada@analytical.io) answers the NPS survey in HubSpot with a 10.");
            String ada = hubspot.createContact(Map.of("email", "ada@analytical.io", "firstname", "Ada",
                    "lastname", "Lovelace", "nps_score", "10"));
            webhook(local, "contact.propertyChange", ada, "nps_score", "10");
            String code = await(() -> hubspot.contact(ada).get("referral_code"));
            say("2. Referloop enrolled Ada as an advocate and wrote to her HubSpot contact: referral_code=%s, referral_link=%s",
                    code, hubspot.contact(ada).get("referral_link"));

            HttpResponse<Void> click = http.send(HttpRequest.newBuilder(URI.create(local + "/r/" + code)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            say("3. Bob clicks Ada's link: %d redirect to %s (cookie %s)", click.statusCode(),
                    click.headers().firstValue("Location").orElse("?"),
                    click.headers().firstValue("Set-Cookie").orElse("none"));

            say("4. Bob signs up; his new HubSpot contact carries Ada's code.");
            String bob = hubspot.createContact(Map.of("email", "bob@babbage.io", "firstname", "Bob",
                    "lastname", "Babbage", "referral_code", code));
            webhook(local, "contact.creation", bob, null, null);
            await(() -> hubspot.contact(bob).get("referral_status"));
            Map<String, String> bobNow = hubspot.contact(bob);
            say("5. Referloop attributed Bob: referred_by_email=%s, referred_by_name=%s, referral_attribution=%s, referral_status=%s",
                    bobNow.get("referred_by_email"), bobNow.get("referred_by_name"),
                    bobNow.get("referral_attribution"), bobNow.get("referral_status"));
            await(() -> "1".equals(hubspot.contact(ada).get("referrals_made")) ? "1" : null);
            say("6. Ada's contact now shows referrals_made=%s.", hubspot.contact(ada).get("referrals_made"));

            say("7. Bob pays his first invoice (49.00 USD); Stripe sends a signed invoice.paid webhook.");
            stripeInvoicePaid(local, "bob@babbage.io", 4900);
            await(() -> "rewarded".equals(hubspot.contact(bob).get("referral_status")) ? "yes" : null);
            say("8. Referloop ordered a 50 USD gift card for Ada at Tremendous (orders there: %d, external_id %s).",
                    tremendous.orderCount(), tremendous.orderedExternalIds());
            await(() -> hubspot.contact(ada).get("referral_rewards_total"));
            say("9. HubSpot now shows Bob referral_status=%s, and Ada referrals_converted=%s, referral_rewards_total=%s. The loop ran end to end.",
                    hubspot.contact(bob).get("referral_status"), hubspot.contact(ada).get("referrals_converted"),
                    hubspot.contact(ada).get("referral_rewards_total"));
        } catch (Exception e) {
            log.error("The demo story stopped: {}", e.toString());
        }
    }

    private void webhook(String local, String type, String objectId, String property, String value) throws Exception {
        String change = property == null ? "" : ",\"propertyName\":\"" + property + "\",\"propertyValue\":\"" + value + "\"";
        String body = "[{\"eventId\":" + System.nanoTime() + ",\"subscriptionId\":1,\"portalId\":1,\"appId\":1,"
                + "\"occurredAt\":" + System.currentTimeMillis() + ",\"subscriptionType\":\"" + type + "\","
                + "\"attemptNumber\":0,\"objectId\":" + objectId + change + "}]";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(System.currentTimeMillis());
        String signature = signer.sign("POST", publicBaseUrl.replaceAll("/+$", "") + "/webhooks/hubspot", bytes, timestamp);
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(local + "/webhooks/hubspot"))
                .header("Content-Type", "application/json")
                .header("X-HubSpot-Signature-v3", signature)
                .header("X-HubSpot-Request-Timestamp", timestamp)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding());
        say("   HubSpot sends a signed %s webhook for contact %s -> Referloop answers %d", type, objectId,
                response.statusCode());
    }

    private void stripeInvoicePaid(String local, String email, long amount) throws Exception {
        long created = System.currentTimeMillis() / 1000;
        String body = "{\"id\":\"evt_demo_" + System.nanoTime() + "\",\"object\":\"event\",\"created\":" + created
                + ",\"type\":\"invoice.paid\",\"data\":{\"object\":{\"id\":\"in_demo_" + System.nanoTime()
                + "\",\"object\":\"invoice\",\"billing_reason\":\"subscription_create\",\"customer_email\":\""
                + email + "\",\"amount_paid\":" + amount + ",\"currency\":\"usd\",\"status\":\"paid\",\"charge\":\"ch_demo\"}}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String header = "t=" + created + ",v1=" + StripeSignature.sign(stripeSecret, created, bytes);
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(local + "/webhooks/stripe"))
                .header("Content-Type", "application/json").header("Stripe-Signature", header)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding());
        say("   Referloop answers Stripe %d", response.statusCode());
    }

    private static String await(Supplier<String> value) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            String v = value.get();
            if (v != null) {
                return v;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the demo waited 30 s for HubSpot to show the result");
    }

    private static void say(String format, Object... args) {
        log.info("[demo] " + String.format(format, args));
    }
}
