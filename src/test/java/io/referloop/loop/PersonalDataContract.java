package io.referloop.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.privacy.ClickRetention;
import io.referloop.privacy.PayloadRetention;
import io.referloop.privacy.Pseudonym;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.referloop.support.HubSpotWebhooks.batch;
import static io.referloop.support.HubSpotWebhooks.contactCreated;
import static io.referloop.support.HubSpotWebhooks.propertyChanged;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal data: erasure of a person ({@code DELETE /api/people/{email}}), the retention of inbox payloads and the
 * pruning of link clicks. Shares the attribution loop's Spring context (no context of its own).
 */
abstract class PersonalDataContract extends ManualAttributionContract {

    @Autowired
    PayloadRetention payloadRetention;

    @Autowired
    ClickRetention clickRetention;

    @Autowired
    CamelContext camel;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    // --- erasure

    @Test
    void erasingAnAdvocateLeavesTheirEmailNowhere() throws Exception {
        Advocate advocate = advocate("Ada", unique("erase-ada") + "@northwind.io");
        get("/r/" + advocate.code());
        String friend = attributedFriend(advocate, unique("friend") + "@fabrikam.io");
        insertReward(referralOf(friend), advocateId(advocate), advocate.email(), "ISSUED");
        webhooks().send(batch(propertyChanged(advocate.contactId(), "email", advocate.email())));
        awaitProcessed();
        pendingCrmWrite(friend, advocate.email());
        unprocessedInboxEvent(advocate.email());
        // a reason typed by an admin who disabled the advocate may name them
        jdbc.sql("UPDATE advocate SET status_reason = ? WHERE id = ?")
                .params("asked by " + advocate.email() + " to pause", advocateId(advocate)).update();

        assertThat(delete("/api/people/" + advocate.email().toUpperCase()).statusCode()).isEqualTo(200);

        for (String table : new String[] {"advocate", "referral", "decision_log", "crm_write", "inbox_event", "reward",
                "event_outbox"}) {
            assertThat(mentions(table, advocate.email())).as(table).isZero();
        }
    }

    @Test
    void erasingAPayerWhosePaymentWaitsForAttributionLeavesTheirEmailNowhere(
            @Autowired io.referloop.reward.RewardService rewards) throws Exception {
        String payer = unique("payer") + "@" + unique("waiting") + ".io";
        rewards.onConversion(new io.referloop.reward.Conversion(io.referloop.reward.Conversion.Kind.FIRST_PAYMENT,
                "stripe", "in_" + unique("w"), "pi_" + unique("w"), payer, "Pat Payer", null,
                new java.math.BigDecimal("49"), "USD", java.time.Instant.now(), null, null, "cus_" + unique("w"), null));
        assertThat(mentions("waiting_payment", payer)).isOne();

        JsonNode answer = json.readTree(delete("/api/people/" + payer).body());

        assertThat(answer.at("/erased/waiting_payment").asInt()).isOne();
        assertThat(mentions("waiting_payment", payer)).isZero();
    }

    @Test
    void theAnswerCountsWhatWasErasedPerTable() throws Exception {
        Advocate advocate = advocate("Bea", unique("erase-bea") + "@northwind.io");
        get("/r/" + advocate.code());
        String friend = attributedFriend(advocate, unique("friend") + "@fabrikam.io");
        insertReward(referralOf(friend), advocateId(advocate), advocate.email(), "ISSUED");
        pendingCrmWrite(friend, advocate.email());
        unprocessedInboxEvent(advocate.email());

        JsonNode answer = json.readTree(delete("/api/people/" + advocate.email()).body());

        assertThat(answer.at("/pseudonym").asText()).isEqualTo(Pseudonym.of(advocate.email())).endsWith("@erased.invalid");
        assertThat(answer.at("/erased/advocate").asInt()).isEqualTo(1);
        assertThat(answer.at("/erased/referral").asInt()).isZero();
        assertThat(answer.at("/erased/referral_click").asInt()).isEqualTo(1);
        assertThat(answer.at("/erased/decision_log").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(answer.at("/erased/crm_write").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(answer.at("/erased/inbox_event").asInt()).isEqualTo(1);
        assertThat(answer.at("/erased/reward").asInt()).isEqualTo(1);
    }

    @Test
    void anErasedAdvocatesCodeStopsWorkingAndTheirCrmRecordIsForgotten() throws Exception {
        Advocate advocate = advocate("Cy", unique("erase-cy") + "@northwind.io");

        delete("/api/people/" + advocate.email());

        assertThat(get("/r/" + advocate.code()).statusCode()).isEqualTo(404);
        Map<String, Object> row = jdbc.sql("SELECT email, name, crm, crm_contact_id, status FROM advocate WHERE code = ?")
                .param(advocate.code()).query().singleRow();
        assertThat(row).containsEntry("email", Pseudonym.of(advocate.email())).containsEntry("name", null)
                .containsEntry("crm", null).containsEntry("crm_contact_id", null).containsEntry("status", "erased");
    }

    @Test
    void erasingAReferredPersonKeepsTheReferralAndItsRewardForAccounting() throws Exception {
        Advocate advocate = advocate("Dee", unique("erase-dee") + "@northwind.io");
        String friendEmail = unique("erase-friend") + "@fabrikam.io";
        String friend = attributedFriend(advocate, friendEmail);
        long referral = referralOf(friend);
        insertReward(referral, advocateId(advocate), advocate.email(), "ISSUED");

        JsonNode answer = json.readTree(delete("/api/people/" + friendEmail).body());

        assertThat(answer.at("/erased/referral").asInt()).isEqualTo(1);
        Map<String, Object> row = jdbc.sql("SELECT referred_email, status, advocate_id, crm_contact_id FROM referral WHERE id = ?")
                .param(referral).query().singleRow();
        assertThat(row).containsEntry("referred_email", Pseudonym.of(friendEmail)).containsEntry("status", "attributed")
                .containsEntry("crm_contact_id", friend);
        assertThat(jdbc.sql("SELECT amount FROM reward WHERE referral_id = ?").param(referral).query(java.math.BigDecimal.class)
                .single()).isEqualByComparingTo("50.00");
    }

    @Test
    void aRewardNotYetSentToAnErasedPersonIsCanceledAndKeepsItsAmount() throws Exception {
        Advocate advocate = advocate("Eve", unique("erase-eve") + "@northwind.io");
        long referral = referralOf(attributedFriend(advocate, unique("friend") + "@fabrikam.io"));
        insertReward(referral, advocateId(advocate), advocate.email(), "HELD");

        JsonNode answer = json.readTree(delete("/api/people/" + advocate.email()).body());

        assertThat(answer.at("/rewardsCanceled").asInt()).isEqualTo(1);
        Map<String, Object> reward = jdbc.sql("SELECT status, amount, recipient_email, recipient_name FROM reward WHERE referral_id = ?")
                .param(referral).query().singleRow();
        assertThat(reward).containsEntry("status", "CANCELED").containsEntry("recipient_email", Pseudonym.of(advocate.email()))
                .containsEntry("recipient_name", null);
        assertThat((java.math.BigDecimal) reward.get("amount")).isEqualByComparingTo("50.00");
    }

    @Test
    void anEventNotYetProcessedThatMentionsAnErasedPersonIsSetAside() throws Exception {
        String email = unique("erase-inbox") + "@northwind.io";
        long event = unprocessedInboxEvent(email);

        delete("/api/people/" + email);

        assertThat(inboxRow(event)).containsEntry("status", "IGNORED");
        assertThat(payloadOf(event)).isEmpty();
    }

    @Test
    void aSecondErasureAnswersTheSameShapeWithZeros() throws Exception {
        Advocate advocate = advocate("Flo", unique("erase-flo") + "@northwind.io");
        delete("/api/people/" + advocate.email());

        HttpResponse<String> again = delete("/api/people/" + advocate.email());

        assertThat(again.statusCode()).isEqualTo(200);
        JsonNode answer = json.readTree(again.body());
        assertThat(answer.at("/pseudonym").asText()).isEqualTo(Pseudonym.of(advocate.email()));
        assertThat(answer.at("/erased").size()).isEqualTo(9);
        answer.at("/erased").forEach(count -> assertThat(count.asInt()).isZero());
    }

    @Test
    void aPersonEnrolledAgainAfterAnErasureCanBeErasedAgain() throws Exception {
        String email = unique("erase-twice") + "@northwind.io";
        post("/api/advocates", "{\"email\":\"" + email + "\"}");
        delete("/api/people/" + email);
        post("/api/advocates", "{\"email\":\"" + email + "\"}");

        HttpResponse<String> again = delete("/api/people/" + email);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json.readTree(again.body()).at("/erased/advocate").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM advocate WHERE email LIKE ? AND status = 'erased'")
                .param(Pseudonym.of(email).replace("@erased.invalid", "%")).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aPersonWhoseGiftCardIsBeingOrderedIsNotErasedYet() throws Exception {
        Advocate advocate = advocate("Gil", unique("erase-gil") + "@northwind.io");
        long referral = referralOf(attributedFriend(advocate, unique("friend") + "@fabrikam.io"));
        insertReward(referral, advocateId(advocate), advocate.email(), "ISSUING");

        HttpResponse<String> response = delete("/api/people/" + advocate.email());

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json.readTree(response.body()).at("/detail").asText()).contains("is being ordered");
        assertThat(jdbc.sql("SELECT status FROM advocate WHERE code = ?").param(advocate.code()).query(String.class).single())
                .isEqualTo("active");
    }

    @Test
    void erasingSomethingThatIsNotAnEmailIs400() throws Exception {
        HttpResponse<String> response = delete("/api/people/not-an-address");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).at("/detail").asText()).contains("not an email address");
    }

    // --- retention

    @Test
    void oldProcessedPayloadsAreScrubbedAndTheirRedeliveryIsStillANoOp() {
        String contact = hubspot.createContact(Map.of("email", unique("old") + "@northwind.io"));
        String delivery = batch(contactCreated(contact));
        webhooks().send(delivery);
        awaitProcessed();
        long event = inboxEventOf(contact);
        ageInboxEvent(event, 36);

        payloadRetention.scrubExpired();

        Map<String, Object> scrubbed = inboxRow(event);
        assertThat(payloadOf(event)).isEmpty();
        assertThat(scrubbed.get("status")).isEqualTo("DONE");
        long stored = countInbox(contact);
        assertThat(webhooks().send(delivery)).isEqualTo(204);
        awaitProcessed();
        assertThat(countInbox(contact)).isEqualTo(stored);
        assertThat(inboxRow(event)).containsEntry("status", "DONE").containsEntry("attempts", scrubbed.get("attempts"));
    }

    @Test
    void recentPayloadsAndEventsNotYetProcessedKeepTheirPayload() {
        String contact = hubspot.createContact(Map.of("email", unique("recent") + "@northwind.io"));
        webhooks().send(batch(contactCreated(contact)));
        awaitProcessed();
        long recent = inboxEventOf(contact);
        long waiting = unprocessedInboxEvent(unique("waiting") + "@northwind.io");
        ageInboxEvent(waiting, 40);

        payloadRetention.scrubExpired();

        assertThat(payloadOf(recent)).contains(contact);
        assertThat(payloadOf(waiting)).contains("waiting");
    }

    @Test
    void theRetentionJobIsATimerRouteInTheJar() {
        assertThat(camel.getRoute("privacy-retention")).isNotNull();
        assertThat(camel.getRoute("privacy-retention").getEndpoint().getEndpointUri()).startsWith("timer://privacy-retention");
    }

    @Test
    void clicksOlderThanTheAttributionWindowArePrunedAndRecentOnesKept() {
        String code = "PRUNE" + unique("").substring(1, 4).toUpperCase();
        long old = click(code, Instant.now().minus(Duration.ofDays(91)));
        long recent = click(code, Instant.now().minus(Duration.ofDays(89)));

        clickRetention.pruneExpired();

        assertThat(clickExists(old)).isFalse();
        assertThat(clickExists(recent)).isTrue();
    }

    /** Rows the tests hold back (pending far in the future, a source no drain takes) would stall awaitProcessed. */
    @AfterEach
    void releaseHeldBackRows() {
        jdbc.sql("UPDATE crm_write SET status = 'FAILED' WHERE status = 'PENDING' AND next_attempt_at > TIMESTAMP '2900-01-01 00:00:00'")
                .update();
        jdbc.sql("UPDATE inbox_event SET status = 'IGNORED' WHERE source = 'test-privacy' AND status = 'NEW'").update();
    }

    // --- helpers

    HttpResponse<String> delete(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + ADMIN).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A write to the friend's contact still waiting (far in the future, so it stays PENDING during the test). */
    private void pendingCrmWrite(String contact, String email) {
        jdbc.sql("""
                INSERT INTO crm_write (crm, object_type, object_id, properties, status, next_attempt_at, created_at)
                VALUES ('hubspot', 'contacts', ?, ?, 'PENDING', TIMESTAMP '2999-01-01 00:00:00', CURRENT_TIMESTAMP)""")
                .params(contact, "{\"referred_by_email\":\"" + email + "\"}").update();
    }

    /** An event of a source no drain claims, so it stays NEW. */
    private long unprocessedInboxEvent(String email) {
        String id = unique("evt");
        jdbc.sql("""
                INSERT INTO inbox_event (source, external_id, event_type, payload, received_at, status)
                VALUES ('test-privacy', ?, 'customer.updated', ?, CURRENT_TIMESTAMP, 'NEW')""")
                .params(id, "{\"customer_email\":\"" + email + "\"}").update();
        return jdbc.sql("SELECT id FROM inbox_event WHERE external_id = ?").param(id).query(Long.class).single();
    }

    private long mentions(String table, String email) {
        String text = switch (table) {
            case "advocate" -> "email || ' ' || COALESCE(status_reason, '')";
            case "referral" -> "referred_email";
            case "decision_log" -> "subject || ' ' || COALESCE(inputs, '')";
            case "crm_write" -> "properties";
            case "inbox_event" -> "payload";
            case "reward" -> "recipient_email";
            case "event_outbox" -> "payload";
            case "waiting_payment" -> "payer_email || ' ' || COALESCE(payer_name, '') || ' ' || payer_key";
            default -> throw new IllegalArgumentException(table);
        };
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE LOWER(" + text + ") LIKE ?")
                .param("%" + email.toLowerCase() + "%").query(Long.class).single();
    }

    private long inboxEventOf(String contact) {
        return jdbc.sql("SELECT id FROM inbox_event WHERE source = 'hubspot' AND object_id = ? ORDER BY id FETCH FIRST 1 ROWS ONLY")
                .param(contact).query(Long.class).single();
    }

    private void ageInboxEvent(long id, int days) {
        jdbc.sql("UPDATE inbox_event SET received_at = ? WHERE id = ?")
                .params(java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(days))), id).update();
    }

    private Map<String, Object> inboxRow(long id) {
        return jdbc.sql("SELECT status, attempts FROM inbox_event WHERE id = ?").param(id).query().singleRow();
    }

    /** Read as a string (getString): a TEXT column on PostgreSQL, a CLOB on H2. */
    private String payloadOf(long event) {
        return jdbc.sql("SELECT payload FROM inbox_event WHERE id = ?").param(event).query(String.class).single();
    }

    private long click(String code, Instant at) {
        jdbc.sql("INSERT INTO referral_click (code, clicked_at, user_agent) VALUES (?, ?, 'test')")
                .params(code, java.sql.Timestamp.from(at)).update();
        return jdbc.sql("SELECT MAX(id) FROM referral_click WHERE code = ?").param(code).query(Long.class).single();
    }

    private boolean clickExists(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM referral_click WHERE id = ?").param(id).query(Long.class).single() > 0;
    }
}
