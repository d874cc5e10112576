package io.referloop.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static io.referloop.support.HubSpotWebhooks.batch;
import static io.referloop.support.HubSpotWebhooks.contactCreated;
import static io.referloop.support.Polling.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Manual attribution through the admin API ({@code POST /api/referrals/{id}/attribute}, {@code POST /api/attributions}),
 * written back to the fake HubSpot. Shares the attribution loop's Spring context (no context of its own).
 */
abstract class ManualAttributionContract extends AttributionLoopContract {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anAdminMovesAReferralToAnotherAdvocateAndTheContactShowsManual() throws Exception {
        Advocate first = advocate("Ada", unique("ada") + "@first.io");
        Advocate second = advocate("Bea", unique("bea") + "@second.io");
        String friend = attributedFriend(first, "friend@" + unique("third") + ".io");
        long referral = referralOf(friend);

        HttpResponse<String> moved = attribute(referral,
                "{\"advocateCode\":\"" + second.code() + "\",\"reason\":\"told us on the sales call\",\"by\":\"jane@ops\"}");

        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(json.readTree(moved.body()).at("/referral/attribution").asText()).isEqualTo("manual");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(hubspot.contact(friend)).containsEntry("referral_attribution", "manual")
                    .containsEntry("referred_by_email", second.email())
                    .containsEntry("referral_status", "attributed");
            assertThat(hubspot.contact(second.contactId())).containsEntry("referrals_made", "1");
            assertThat(hubspot.contact(first.contactId())).containsEntry("referrals_made", "0");
        });
    }

    @Test
    void theDecisionLogKeepsWhoWhyAndThePreviousState() throws Exception {
        Advocate first = advocate("Cleo", unique("cleo") + "@first.io");
        Advocate second = advocate("Dina", unique("dina") + "@second.io");
        long referral = referralOf(attributedFriend(first, "friend@" + unique("third") + ".io"));

        attribute(referral, "{\"advocateCode\":\"" + second.code() + "\",\"reason\":\"duplicate code\",\"by\":\"jane@ops\"}");

        JsonNode last = lastDecision(referral);
        assertThat(last.at("/rule").asText()).isEqualTo("manual-attribution");
        assertThat(last.at("/outcome").asText()).isEqualTo("moved");
        assertThat(last.at("/decidedAt").asText()).isNotBlank();
        assertThat(last.at("/advocateId").asLong()).isEqualTo(advocateId(second));
        assertThat(last.at("/inputs/by").asText()).isEqualTo("jane@ops");
        assertThat(last.at("/inputs/reason").asText()).isEqualTo("duplicate code");
        assertThat(last.at("/inputs/previous/advocateEmail").asText()).isEqualTo(first.email());
        assertThat(last.at("/inputs/previous/advocateCode").asText()).isEqualTo(first.code());
        assertThat(last.at("/inputs/previous/status").asText()).isEqualTo("attributed");
        assertThat(last.at("/inputs/previous/attribution").asText()).isEqualTo("code");
    }

    @Test
    void withoutByTheLogNamesTheAuthenticatedPrincipal() throws Exception {
        Advocate first = advocate("Elle", unique("elle") + "@first.io");
        Advocate second = advocate("Faye", unique("faye") + "@second.io");
        long referral = referralOf(attributedFriend(first, "friend@" + unique("third") + ".io"));

        attribute(referral, "{\"advocateCode\":\"" + second.code() + "\",\"reason\":\"partner deal\"}");

        assertThat(lastDecision(referral).at("/inputs/by").asText()).isEqualTo("admin");
    }

    @Test
    void aRejectedSelfReferralIsGivenToTheAdvocateWhoReallyReferred() throws Exception {
        String domain = unique("acme") + ".com";
        Advocate colleague = advocate("Gus", "gus@" + domain);
        Advocate outsider = advocate("Hal", unique("hal") + "@elsewhere.io");
        String contact = hubspot.createContact(Map.of("email", "ivy@" + domain, "referral_code", colleague.code()));
        webhooks().send(batch(contactCreated(contact)));
        await().atMost(Duration.ofSeconds(20)).until(() -> "rejected".equals(hubspot.contact(contact).get("referral_status")));

        assertThat(attribute(referralOf(contact), "{\"advocateCode\":\"" + outsider.code() + "\",\"reason\":\"Hal sent her\"}")
                .statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(hubspot.contact(contact)).containsEntry("referral_status", "attributed")
                        .containsEntry("referral_attribution", "manual")
                        .containsEntry("referred_by_email", outsider.email()));
    }

    @Test
    void aRegisteredEmailReferralIsDecidedForTheContactTheAdminNames() throws Exception {
        Advocate first = advocate("Jo", unique("jo") + "@first.io");
        Advocate second = advocate("Kim", unique("kim") + "@second.io");
        String email = "invitee@" + unique("third") + ".io";
        long registered = json.readTree(post("/api/referrals",
                "{\"advocateCode\":\"" + first.code() + "\",\"email\":\"" + email + "\"}").body()).at("/id").asLong();
        String contact = hubspot.createContact(Map.of("email", email));

        HttpResponse<String> decided = attribute(registered, "{\"advocateCode\":\"" + second.code()
                + "\",\"reason\":\"Kim made the intro\",\"crm\":\"hubspot\",\"contactId\":\"" + contact + "\"}");

        assertThat(decided.statusCode()).isEqualTo(200);
        assertThat(json.readTree(decided.body()).at("/referral/status").asText()).isEqualTo("attributed");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(hubspot.contact(contact)).containsEntry("referral_attribution", "manual")
                        .containsEntry("referred_by_email", second.email()));
    }

    @Test
    void aContactWithoutAReferralIsAttributedByHand() throws Exception {
        Advocate advocate = advocate("Lou", unique("lou") + "@first.io");
        String email = "walkin@" + unique("third") + ".io";
        String contact = hubspot.createContact(Map.of("email", email));

        HttpResponse<String> created = post("/api/attributions", "{\"email\":\"" + email + "\",\"crm\":\"hubspot\",\"contactId\":\""
                + contact + "\",\"advocateCode\":\"" + advocate.code() + "\",\"reason\":\"mentioned Lou at the demo\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json.readTree(created.body()).at("/decisions/0/rule").asText()).isEqualTo("manual-attribution");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(hubspot.contact(contact)).containsEntry("referral_attribution", "manual")
                        .containsEntry("referred_by_email", advocate.email())
                        .containsEntry("referral_status", "attributed"));
    }

    @Test
    void aMissingOrBlankReasonIsRefusedAndChangesNothing() throws Exception {
        Advocate first = advocate("Max", unique("max") + "@first.io");
        Advocate second = advocate("Ned", unique("ned") + "@second.io");
        long referral = referralOf(attributedFriend(first, "friend@" + unique("third") + ".io"));
        long decisions = decisionCount(referral);

        HttpResponse<String> missing = attribute(referral, "{\"advocateCode\":\"" + second.code() + "\"}");
        HttpResponse<String> blank = attribute(referral, "{\"advocateCode\":\"" + second.code() + "\",\"reason\":\"  \"}");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(json.readTree(blank.body()).at("/detail").asText()).contains("reason is required");
        assertUnchanged(referral, first, decisions);
    }

    @Test
    void anUnknownReferralIs404() throws Exception {
        Advocate advocate = advocate("Ola", unique("ola") + "@first.io");

        HttpResponse<String> response = attribute(999_999_999L, "{\"advocateCode\":\"" + advocate.code() + "\",\"reason\":\"x\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json.readTree(response.body()).at("/detail").asText()).contains("no referral has the id 999999999");
    }

    @Test
    void anUnknownAdvocateCodeIsRefusedAndChangesNothing() throws Exception {
        Advocate first = advocate("Pia", unique("pia") + "@first.io");
        long referral = referralOf(attributedFriend(first, "friend@" + unique("third") + ".io"));

        assertMoveRefused(referral, first, "NOSUCH99", "typo", 400, "no advocate has the code NOSUCH99");
    }

    @Test
    void aDisabledAdvocateIsRefusedAndChangesNothing() throws Exception {
        Advocate first = advocate("Quin", unique("quin") + "@first.io");
        Advocate disabled = advocate("Rae", unique("rae") + "@second.io");
        jdbc.sql("UPDATE advocate SET status = 'disabled' WHERE code = ?").param(disabled.code()).update();
        long referral = referralOf(attributedFriend(first, "friend@" + unique("third") + ".io"));

        assertMoveRefused(referral, first, disabled.code(), "r", 400, "is disabled, not active");
    }

    @Test
    void aReferralWhoseRewardWasIssuedCannotMoveBecauseTheMoneyWentToTheOldAdvocate() throws Exception {
        Advocate first = advocate("Sam", unique("sam") + "@first.io");
        Advocate second = advocate("Tea", unique("tea") + "@second.io");
        long referral = referralOf(attributedFriend(first, "friend@" + unique("third") + ".io"));
        insertReward(referral, advocateId(first), first.email(), "ISSUED");

        assertMoveRefused(referral, first, second.code(), "late claim", 409,
                "is issued", "the money already went to the current advocate");
    }

    @Test
    void aReferralWhoseRewardIsBeingOrderedCannotMove() throws Exception {
        Advocate first = advocate("Uma", unique("uma") + "@first.io");
        Advocate second = advocate("Vic", unique("vic") + "@second.io");
        long referral = referralOf(attributedFriend(first, "friend@" + unique("third") + ".io"));
        insertReward(referral, advocateId(first), first.email(), "ISSUING");

        assertMoveRefused(referral, first, second.code(), "late claim", 409, "is issuing");
    }

    @Test
    void aMoveThatWouldBeASelfReferralIsRefusedAndChangesNothing() throws Exception {
        String domain = unique("initech") + ".io";
        Advocate first = advocate("Wes", unique("wes") + "@first.io");
        Advocate sameCompany = advocate("Xan", "xan@" + domain);
        long referral = referralOf(attributedFriend(first, "yara@" + domain));

        assertMoveRefused(referral, first, sameCompany.code(), "colleague", 400, "self-referral");
    }

    // --- helpers

    String attributedFriend(Advocate advocate, String email) {
        String friend = hubspot.createContact(Map.of("email", email, "referral_code", advocate.code()));
        webhooks().send(batch(contactCreated(friend)));
        await().atMost(Duration.ofSeconds(20)).until(() -> hubspot.contact(friend).get("referral_status") != null);
        return friend;
    }

    long referralOf(String contactId) {
        return jdbc.sql("SELECT id FROM referral WHERE crm_contact_id = ?").param(contactId).query(Long.class).single();
    }

    long advocateId(Advocate advocate) {
        return jdbc.sql("SELECT id FROM advocate WHERE code = ?").param(advocate.code()).query(Long.class).single();
    }

    HttpResponse<String> attribute(long referral, String body) throws Exception {
        return post("/api/referrals/" + referral + "/attribute", body);
    }

    JsonNode lastDecision(long referral) {
        JsonNode decisions = getJson("/api/referrals/" + referral).at("/decisions");
        return decisions.get(decisions.size() - 1);
    }

    long decisionCount(long referral) {
        return jdbc.sql("SELECT COUNT(*) FROM decision_log WHERE referral_id = ?").param(referral).query(Long.class).single();
    }

    /**
     * A reward in that state, its next attempt far in the future: the issuer, live in this context, never orders it
     * while the test runs (an ISSUING reward whose attempt is due counts as an order to resume).
     */
    void insertReward(long referral, long advocateId, String email, String status) {
        jdbc.sql("""
                INSERT INTO reward (referral_id, advocate_id, beneficiary, recipient_email, recipient_name, amount, currency,
                                    status, idempotency_key, next_attempt_at, created_at)
                VALUES (?, ?, 'advocate', ?, 'Reward Recipient', 50.00, 'USD', ?, ?, TIMESTAMP '2999-01-01 00:00:00',
                        CURRENT_TIMESTAMP)""")
                .params(referral, advocateId, email, status, unique("RLtest")).update();
    }

    /** Moving the referral to {@code code} is refused with this status and a detail saying why; it stays as it was. */
    private void assertMoveRefused(long referral, Advocate current, String code, String reason, int status,
                                   String... why) throws Exception {
        long decisions = decisionCount(referral);

        HttpResponse<String> response = attribute(referral, "{\"advocateCode\":\"" + code + "\",\"reason\":\"" + reason + "\"}");

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(json.readTree(response.body()).at("/detail").asText()).contains(why);
        assertUnchanged(referral, current, decisions);
    }

    private void assertUnchanged(long referral, Advocate advocate, long decisions) {
        Map<String, Object> row = jdbc.sql("SELECT advocate_id, attribution FROM referral WHERE id = ?").param(referral)
                .query().singleRow();
        assertThat(((Number) row.get("advocate_id")).longValue()).isEqualTo(advocateId(advocate));
        assertThat(row.get("attribution")).isNotEqualTo("manual");
        assertThat(decisionCount(referral)).isEqualTo(decisions);
    }
}
