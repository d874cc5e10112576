package io.referloop.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.referloop.ingest.StripeSignature;
import io.referloop.referral.Advocate;
import io.referloop.referral.ReferralService;
import io.referloop.reward.GiftCardReceipt;
import io.referloop.reward.Reward;
import io.referloop.reward.RewardService;
import io.referloop.reward.Rewards;
import io.referloop.support.Programme;
import io.referloop.support.SharedContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.referloop.billing.StripeFixture.NEW;
import static io.referloop.billing.StripeFixture.OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /webhooks/stripe}, and what Stripe's events do once stored: refunds and disputes of payments in the
 * shapes of API versions before and after {@code 2025-03-31.basil}, in the orders Stripe may deliver them. Rewards
 * wait out a 3-day hold here, so a refund inside it can cancel them.
 */
@SharedContext
@Programme({"hold-days: 0", "hold-days: 3"})
class StripeWebhookTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ReferralService referrals;
    @Autowired
    RewardService rewardService;
    @Autowired
    Rewards rewards;
    @Autowired
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSignedEventIsStoredAndAnswered200() throws Exception {
        String id = eventId();
        assertThat(send(event(id, "invoice.paid"), "whsec_current").statusCode()).isEqualTo(200);
        assertThat(stored(id)).isEqualTo(1);
    }

    @Test
    void theAnswerIsJsonSayingWhetherTheEventWasADuplicate() throws Exception {
        String body = event(eventId(), "invoice.paid");
        HttpResponse<String> first = send(body, "whsec_current");
        HttpResponse<String> again = send(body, "whsec_current");
        assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(new ObjectMapper().readValue(first.body(), Map.class)).isEqualTo(Map.of("received", true, "duplicate", false));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readValue(again.body(), Map.class)).isEqualTo(Map.of("received", true, "duplicate", true));
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

    // Refunds and disputes

    @Test
    void aFullChargeRefundOfABasilPaymentCancelsThePendingReward() {
        var payment = referredCustomer();
        deliver(StripeFixture.of(NEW + "invoice.paid.json", payment));
        deliver(StripeFixture.of(NEW + "invoice_payment.paid.json", payment));
        awaitReward(payment, Reward.Status.PENDING);

        deliver(StripeFixture.of(NEW + "charge.refunded.json", payment));

        awaitReward(payment, Reward.Status.CANCELED);
    }

    @Test
    void aDisputeOfABasilPaymentCancelsThePendingReward() {
        var payment = referredCustomer();
        deliver(StripeFixture.of(NEW + "invoice.paid.json", payment));
        deliver(StripeFixture.of(NEW + "invoice_payment.paid.json", payment));
        awaitReward(payment, Reward.Status.PENDING);

        deliver(StripeFixture.of(NEW + "charge.dispute.created.json", payment));

        awaitReward(payment, Reward.Status.CANCELED);
    }

    @Test
    void aRefundCreatedForTheWholePaymentCancelsThePendingReward() {
        var payment = referredCustomer();
        deliver(StripeFixture.of(NEW + "invoice.paid.json", payment));
        deliver(StripeFixture.of(NEW + "invoice_payment.paid.json", payment));
        awaitReward(payment, Reward.Status.PENDING);

        deliver(StripeFixture.of(NEW + "refund.created.json", payment));

        awaitReward(payment, Reward.Status.CANCELED);
    }

    @Test
    void aPartialRefundIsRecordedButLeavesTheRewardPending() {
        var payment = referredCustomer();
        deliver(StripeFixture.of(NEW + "invoice.paid.json", payment));
        deliver(StripeFixture.of(NEW + "invoice_payment.paid.json", payment));
        awaitReward(payment, Reward.Status.PENDING);

        var partial = deliver(StripeFixture.of(NEW + "refund.created.json", payment).with("amount", 1000));

        assertThat(awaitProcessed(partial)).contains("partial refund (1000 of 4900)");
        assertThat(rewardOf(payment).status()).isEqualTo(Reward.Status.PENDING);
    }

    @Test
    void partialRefundsThatAddUpToTheWholePaymentCancelTheReward() {
        var payment = referredCustomer();
        deliver(StripeFixture.of(NEW + "invoice.paid.json", payment));
        deliver(StripeFixture.of(NEW + "invoice_payment.paid.json", payment));
        awaitReward(payment, Reward.Status.PENDING);

        awaitProcessed(deliver(StripeFixture.of(NEW + "refund.created.json", payment.withRefund("re_a" + payment.refund())).with("amount", 1900)));
        deliver(StripeFixture.of(NEW + "refund.created.json", payment.withRefund("re_b" + payment.refund())).with("amount", 3000));

        awaitReward(payment, Reward.Status.CANCELED);
    }

    @Test
    void aRefundThatFailedDoesNotCountEvenWhenItsCreationArrivesAfterwards() {
        var payment = referredCustomer();
        deliver(StripeFixture.of(NEW + "invoice.paid.json", payment));
        deliver(StripeFixture.of(NEW + "invoice_payment.paid.json", payment));
        awaitReward(payment, Reward.Status.PENDING);

        awaitProcessed(deliver(StripeFixture.of(NEW + "refund.created.json", payment).type("refund.updated").with("status", "failed")));
        var late = deliver(StripeFixture.of(NEW + "refund.created.json", payment).with("status", "pending"));

        assertThat(awaitProcessed(late)).contains("refund failed");
        assertThat(rewardOf(payment).status()).isEqualTo(Reward.Status.PENDING);
    }

    @Test
    void aRefundDeliveredBeforeTheInvoicePaymentIsAppliedWhenTheLinkArrives() {
        var payment = referredCustomer();
        deliver(StripeFixture.of(NEW + "invoice.paid.json", payment));
        awaitReward(payment, Reward.Status.PENDING);
        awaitProcessed(deliver(StripeFixture.of(NEW + "charge.refunded.json", payment)));

        deliver(StripeFixture.of(NEW + "invoice_payment.paid.json", payment));

        awaitReward(payment, Reward.Status.CANCELED);
    }

    @Test
    void aRefundDeliveredBeforeThePaidInvoiceCancelsTheRewardItCreates() {
        var payment = referredCustomer();
        awaitProcessed(deliver(StripeFixture.of(NEW + "invoice_payment.paid.json", payment)));
        awaitProcessed(deliver(StripeFixture.of(NEW + "refund.created.json", payment)));

        deliver(StripeFixture.of(NEW + "invoice.paid.json", payment));

        awaitReward(payment, Reward.Status.CANCELED);
    }

    @Test
    void aFullRefundThatFailedBeforeThePaidInvoiceArrivedCancelsNothing() {
        var payment = referredCustomer();
        awaitProcessed(deliver(StripeFixture.of(NEW + "invoice_payment.paid.json", payment)));
        awaitProcessed(deliver(StripeFixture.of(NEW + "refund.created.json", payment).with("status", "pending")));
        var failed = deliver(StripeFixture.of(NEW + "refund.created.json", payment).type("refund.updated").with("status", "failed"));
        assertThat(awaitProcessed(failed)).contains("refund failed");

        deliver(StripeFixture.of(NEW + "invoice.paid.json", payment));

        awaitReward(payment, Reward.Status.PENDING);
    }

    @Test
    void aRefundObjectBeforeBasilCancelsThroughTheChargeTheInvoiceNamed() {
        var payment = referredCustomer();
        deliver(StripeFixture.of(OLD + "invoice.paid.json", payment));
        awaitReward(payment, Reward.Status.PENDING);

        deliver(StripeFixture.of(OLD + "refund.created.json", payment));

        awaitReward(payment, Reward.Status.CANCELED);
    }

    @Test
    void aChargeRefundedBeforeBasilAndBeforeItsInvoiceCancelsTheRewardTheInvoiceCreates() {
        var payment = referredCustomer();
        awaitProcessed(deliver(StripeFixture.of(OLD + "charge.refunded.json", payment)));

        deliver(StripeFixture.of(OLD + "invoice.paid.json", payment));

        awaitReward(payment, Reward.Status.CANCELED);
    }

    @Test
    void aRefundOfAnIssuedRewardIsFlaggedOnceHoweverManyEventsTellOfIt() {
        var payment = referredCustomer();
        deliver(StripeFixture.of(NEW + "invoice.paid.json", payment));
        deliver(StripeFixture.of(NEW + "invoice_payment.paid.json", payment));
        Reward reward = awaitReward(payment, Reward.Status.PENDING);
        rewards.transition(reward.id(), Reward.Status.PENDING, Reward.Status.ISSUING, null, Instant.now());
        rewardService.recordIssued(reward.id(), "tremendous", new GiftCardReceipt("ORD-" + reward.id(), "EXECUTED", false));

        var refunded = StripeFixture.of(NEW + "charge.refunded.json", payment);
        deliver(refunded);
        deliver(refunded);
        awaitProcessed(deliver(StripeFixture.of(NEW + "refund.created.json", payment)));

        assertThat(rewardOf(payment).status()).isEqualTo(Reward.Status.ISSUED);
        assertThat(outcomes(reward.referralId())).containsOnlyOnce("flagged-after-issue");
    }

    @Test
    void aRefundMatchingNoPaymentIsCountedAndSetAsideWithItsReason() {
        var stranger = StripeFixture.Payment.fresh();
        double before = unmatchedRefunds();

        var refund = deliver(StripeFixture.of(NEW + "charge.refunded.json", stranger));

        assertThat(awaitProcessed(refund)).contains("matches no converted payment");
        assertThat(jdbc.sql("SELECT status FROM inbox_event WHERE source = 'stripe' AND external_id = ?")
                .param(refund.id()).query(String.class).single()).isEqualTo("IGNORED");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(unmatchedRefunds()).isEqualTo(before + 1));
    }

    private StripeFixture.Payment referredCustomer() {
        var payment = StripeFixture.Payment.fresh();
        Advocate advocate = referrals.enrolByHand("adv-" + UUID.randomUUID() + "@advocates.io", "Ada");
        referrals.register(advocate.code(), payment.email(), null);
        return payment;
    }

    private StripeFixture deliver(StripeFixture event) {
        try {
            assertThat(send(event.body(), "whsec_current").statusCode()).isEqualTo(200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return event;
    }

    private Reward awaitReward(StripeFixture.Payment payment, Reward.Status status) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(rewardOf(payment)).extracting(Reward::status).isEqualTo(status));
        return rewardOf(payment);
    }

    private Reward rewardOf(StripeFixture.Payment payment) {
        return jdbc.sql("""
                        SELECT r.id FROM reward r JOIN referral f ON f.id = r.referral_id
                        WHERE f.referred_email = ? AND r.beneficiary = 'advocate'""")
                .param(payment.email()).query(Long.class).optional()
                .flatMap(rewards::byId).orElse(null);
    }

    /** Waits until the event left the inbox and answers the reason it was set aside with, if any. */
    private String awaitProcessed(StripeFixture event) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                        SELECT status, last_error FROM inbox_event WHERE source = 'stripe' AND external_id = ?""")
                .param(event.id()).query((rs, n) -> rs.getString("status").equals("NEW") || rs.getString("status").equals("CLAIMED")
                        ? null : String.valueOf(rs.getString("last_error")))
                .optional().orElse(null), java.util.Objects::nonNull);
    }

    private List<String> outcomes(long referralId) {
        return jdbc.sql("SELECT outcome FROM decision_log WHERE referral_id = ? ORDER BY id")
                .param(referralId).query(String.class).list();
    }

    private double unmatchedRefunds() {
        Counter counter = meters.find("referloop.billing.unmatched.refunds").tags("source", "stripe", "kind", "refund").counter();
        return counter == null ? 0 : counter.count();
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
