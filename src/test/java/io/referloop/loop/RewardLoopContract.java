package io.referloop.loop;

import io.referloop.billing.StripeFixture;
import io.referloop.ingest.StripeSignature;
import io.referloop.support.HubSpotWebhooks;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.referloop.support.HubSpotWebhooks.batch;
import static io.referloop.support.HubSpotWebhooks.contactCreated;
import static io.referloop.support.Polling.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole loop through HTTP, to a gift card at a fake Tremendous: HubSpot enrolment and attribution,
 * Stripe payment, reward, CRM feedback. Run on H2 and on PostgreSQL by {@link LoopOnH2IT} and {@link LoopOnPostgresIT}.
 */
abstract class RewardLoopContract extends LoopContext {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aReferredCustomersFirstPaymentPaysTheAdvocateOneGiftCardWhateverTheRedeliveries() {
        Advocate advocate = advocate();
        String friendEmail = "friend@fabrikam-" + UUID.randomUUID().toString().substring(0, 8) + ".io";
        String friend = hubspot.createContact(Map.of("email", friendEmail, "referral_code", advocate.code()));
        webhooks().send(batch(contactCreated(friend)));
        await().atMost(Duration.ofSeconds(20)).until(() -> "attributed".equals(hubspot.contact(friend).get("referral_status")));

        String paid = invoice("evt_" + UUID.randomUUID().toString().replace("-", ""), friendEmail.toUpperCase(),
                "subscription_create", 4900);
        List<CompletableFuture<Integer>> deliveries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            deliveries.add(CompletableFuture.supplyAsync(() -> stripe(paid)));
        }
        assertThat(deliveries).allSatisfy(d -> assertThat(d.join()).isEqualTo(200));
        assertThat(stripe(invoice("evt_" + UUID.randomUUID().toString().replace("-", ""), friendEmail,
                "subscription_cycle", 4900))).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(hubspot.contact(friend)).containsEntry("referral_status", "rewarded");
            assertThat(hubspot.contact(advocate.contactId())).containsEntry("referrals_converted", "1")
                    .containsEntry("referral_rewards_total", "50.00");
        });
        assertThat(tremendous.orderCountTo(advocate.email(), friendEmail)).isOne();
    }

    @Test
    void anOrderAnsweredAfterTheClientGaveUpIsRetriedWithTheSameKeyAndBoughtOnce() {
        Advocate advocate = advocate();
        String friendEmail = "slow@fabrikam-" + UUID.randomUUID().toString().substring(0, 8) + ".io";
        String friend = hubspot.createContact(Map.of("email", friendEmail, "referral_code", advocate.code()));
        webhooks().send(batch(contactCreated(friend)));
        await().atMost(Duration.ofSeconds(20)).until(() -> "attributed".equals(hubspot.contact(friend).get("referral_status")));

        tremendous.delayNext(1, 1500);
        stripe(invoice("evt_" + UUID.randomUUID().toString().replace("-", ""), friendEmail, "subscription_create", 9900));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(hubspot.contact(friend)).containsEntry("referral_status", "rewarded"));
        String key = jdbc.sql("""
                SELECT r.idempotency_key FROM reward r JOIN referral f ON f.id = r.referral_id WHERE f.crm_contact_id = ?""")
                .param(friend).query(String.class).single();
        assertThat(tremendous.orderCountTo(advocate.email(), friendEmail)).isOne();
        assertThat(tremendous.orderedExternalIds()).containsOnlyOnce(key);
    }

    @Test
    void aReferredCompanyEarnsOneGiftCardHoweverManyColleaguesDealsAndPaymentsConvert() {
        Advocate advocate = advocate();
        String domain = "globex-" + UUID.randomUUID().toString().substring(0, 8) + ".io";
        String champion = hubspot.createContact(Map.of("email", "champion@" + domain, "referral_code", advocate.code()));
        webhooks().send(batch(contactCreated(champion)));
        await().atMost(Duration.ofSeconds(20)).until(() -> "attributed".equals(hubspot.contact(champion).get("referral_status")));
        String cfo = hubspot.createContact(Map.of("email", "cfo@" + domain));
        webhooks().send(batch(contactCreated(cfo)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(hubspot.contact(cfo))
                .containsEntry("referral_attribution", "domain").containsEntry("referral_status", "attributed"));

        String company = hubspot.createCompany(Map.of("name", "Globex", "domain", domain));
        String deal = hubspot.createDeal(Map.of("dealname", "Globex platform", "amount", "24000", "dealstage", "closedwon",
                "pipeline", "default"));
        hubspot.associateDealWithPrimaryCompany(deal, company);
        webhooks().send(batch(HubSpotWebhooks.event("deal.creation", deal, null, null)));
        assertThat(stripe(invoice("evt_" + UUID.randomUUID().toString().replace("-", ""), "cfo@" + domain,
                "subscription_create", 4900))).isEqualTo(200);
        assertThat(stripe(invoice("evt_" + UUID.randomUUID().toString().replace("-", ""), "ops@" + domain,
                "subscription_create", 9900))).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM inbox_event WHERE status IN ('NEW', 'CLAIMED')")
                    .query(Long.class).single()).isZero();
            assertThat(hubspot.deal(deal)).containsEntry("referral_source", "referral");
            assertThat(hubspot.contact(advocate.contactId())).containsEntry("referral_rewards_total", "50.00");
        });
        assertThat(tremendous.orderCountTo(advocate.email(), "champion@" + domain, "cfo@" + domain, "ops@" + domain)).isOne();
    }

    @Test
    void aBasilPaymentRefundedAfterTheGiftCardWentIsFlaggedInTheDecisionLog() {
        Advocate advocate = advocate();
        var payment = StripeFixture.Payment.fresh();
        String friend = hubspot.createContact(Map.of("email", payment.email(), "referral_code", advocate.code()));
        webhooks().send(batch(contactCreated(friend)));
        await().atMost(Duration.ofSeconds(20)).until(() -> "attributed".equals(hubspot.contact(friend).get("referral_status")));
        assertThat(stripe(StripeFixture.of(StripeFixture.NEW + "invoice.paid.json", payment).body())).isEqualTo(200);
        assertThat(stripe(StripeFixture.of(StripeFixture.NEW + "invoice_payment.paid.json", payment).body())).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(hubspot.contact(friend)).containsEntry("referral_status", "rewarded"));

        assertThat(stripe(StripeFixture.of(StripeFixture.NEW + "charge.refunded.json", payment).body())).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql("""
                        SELECT d.outcome FROM decision_log d JOIN referral f ON f.id = d.referral_id WHERE f.crm_contact_id = ?""")
                .param(friend).query(String.class).list()).contains("flagged-after-issue"));
    }

    @Test
    void aFirstPaymentThatCameBeforeItsAttributionPaysWhenTheContactArrives() {
        Advocate advocate = advocate();
        String friendEmail = "early@payer-" + UUID.randomUUID().toString().substring(0, 8) + ".io";
        assertThat(stripe(invoice("evt_" + UUID.randomUUID().toString().replace("-", ""), friendEmail,
                "subscription_create", 4900))).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM waiting_payment WHERE payer_email = ? AND status = 'waiting'")
                .param(friendEmail).query(Long.class).single() == 1);

        String friend = hubspot.createContact(Map.of("email", friendEmail, "referral_code", advocate.code()));
        webhooks().send(batch(contactCreated(friend)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(hubspot.contact(friend)).containsEntry("referral_status", "rewarded"));
        assertThat(tremendous.orderCountTo(advocate.email(), friendEmail)).isOne();
    }

    private Advocate advocate() {
        String email = "adv-" + UUID.randomUUID().toString().substring(0, 8) + "@contoso.io";
        String id = hubspot.createContact(Map.of("email", email, "firstname", "Ada", "lastname", "Lovelace", "nps_score", "10"));
        webhooks().send(batch(contactCreated(id)));
        await().atMost(Duration.ofSeconds(20)).until(() -> hubspot.contact(id).get("referral_code") != null);
        return new Advocate(id, email, hubspot.contact(id).get("referral_code"));
    }

    private int stripe(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long t = System.currentTimeMillis() / 1000;
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/stripe"))
                    .header("Stripe-Signature", "t=" + t + ",v1=" + StripeSignature.sign(WHSEC, t, bytes))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String invoice(String eventId, String email, String billingReason, long amountPaid) {
        String invoice = "in_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"api_version\":\"2026-03-25.dahlia\",\"created\":"
                + System.currentTimeMillis() / 1000 + ",\"type\":\"invoice.paid\",\"livemode\":false,"
                + "\"data\":{\"object\":{\"id\":\"" + invoice + "\",\"object\":\"invoice\",\"billing_reason\":\""
                + billingReason + "\",\"customer\":\"cus_1\",\"customer_email\":\"" + email + "\",\"amount_paid\":"
                + amountPaid + ",\"currency\":\"usd\",\"status\":\"paid\",\"charge\":\"ch_" + invoice + "\"}}}";
    }
}
