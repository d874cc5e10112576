package io.referloop.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.referloop.ingest.SharedQuota;
import io.referloop.support.HubSpotWebhooks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static io.referloop.support.HubSpotWebhooks.batch;
import static io.referloop.support.HubSpotWebhooks.contactCreated;
import static io.referloop.support.HubSpotWebhooks.propertyChanged;
import static io.referloop.support.Polling.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attribution loop through HTTP, against a fake HubSpot: enrolment, link, sign-up, attribution,
 * write-back. Run on H2 and on PostgreSQL by {@link LoopOnH2IT} and {@link LoopOnPostgresIT}.
 */
abstract class AttributionLoopContract extends LoopContext {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aPromoterIsEnrolledAndGetsCodeAndLinkOnTheContact() {
        String email = unique("promoter") + "@northwind.io";
        String id = hubspot.createContact(Map.of("email", email, "firstname", "Ada", "lastname", "Lovelace"));
        hubspot.updateContact(id, Map.of("nps_score", "10"));

        assertThat(webhooks().send(batch(propertyChanged(id, "nps_score", "10")))).isEqualTo(204);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, String> contact = hubspot.contact(id);
            assertThat(contact.get("referral_code")).matches("[2-9A-HJKMNP-Z]{8}");
            assertThat(contact.get("referral_link")).isEqualTo(PUBLIC_BASE + "/r/" + contact.get("referral_code"));
        });
    }

    @Autowired
    SharedQuota hubSpotQuota;
    @Autowired
    MeterRegistry meters;

    @Test
    void everyHubSpotCallOfTheInboxReadsTakesItsPermitFromTheQuotaTheInstancesShare() {
        awaitProcessed();
        long reads = hubspot.batchReadSizes().size();
        long unpermitted = hubSpotRequestsWithoutPermit();
        String id = hubspot.createContact(Map.of("email", unique("quota") + "@northwind.io", "nps_score", "3"));

        assertThat(webhooks().send(batch(contactCreated(id)))).isEqualTo(204);
        awaitProcessed();

        assertThat(hubspot.batchReadSizes().size()).as("the contact was read").isGreaterThan((int) reads);
        assertThat(hubSpotRequestsWithoutPermit()).as("HubSpot requests made without a permit of the shared quota")
                .isEqualTo(unpermitted);
        assertThat(jdbc.sql("SELECT next_slot FROM api_quota WHERE name = 'hubspot'").query(Long.class).single())
                .as("the quota's row moved on to after this call").isGreaterThan(1_000L * System.currentTimeMillis() - 60_000_000L);
    }

    /**
     * Requests the fake HubSpot received beyond the quota's permits, read while no call holds a permit: a permit is
     * counted before its request goes out, so one on its way would be taken for a request without a permit once it
     * arrives. The circuit breaker, which every call passes after taking its permit, counts the calls that ended.
     */
    private long hubSpotRequestsWithoutPermit() {
        return await().alias("no HubSpot call holding a permit, and none made without one")
                .atMost(Duration.ofSeconds(20)).until(this::hubSpotRequestsWithoutPermitIfNoCallHoldsOne, Objects::nonNull);
    }

    private Long hubSpotRequestsWithoutPermitIfNoCallHoldsOne() {
        long ended = hubSpotCallsEnded();
        long requests = hubspot.requestCount();
        // the calls ended never outnumber the permits, and both only grow: equal after the requests were counted, no
        // permit was handed out or held meanwhile
        return hubSpotQuota.granted() == ended ? requests - ended : null;
    }

    /** Calls through the HubSpot circuit breaker that ended: answered, failed, or refused by the open breaker. */
    private long hubSpotCallsEnded() {
        long calls = meters.find("resilience4j.circuitbreaker.calls").tag("name", "hubspot").timers().stream()
                .mapToLong(Timer::count).sum();
        double refused = meters.find("resilience4j.circuitbreaker.not.permitted.calls").tag("name", "hubspot").counters()
                .stream().mapToDouble(Counter::count).sum();
        return calls + (long) refused;
    }

    @Test
    void aDetractorIsNotEnrolled() {
        String id = hubspot.createContact(Map.of("email", unique("detractor") + "@northwind.io", "nps_score", "6"));
        assertThat(webhooks().send(batch(contactCreated(id)))).isEqualTo(204);
        awaitProcessed();
        assertThat(hubspot.contact(id).get("referral_code")).isNull();
    }

    @Test
    void aFriendWhoClickedTheLinkAndSignedUpWithTheCodeIsAttributedByLink() throws Exception {
        Advocate advocate = advocate("Grace", unique("grace") + "@contoso.io");

        HttpResponse<String> click = get("/r/" + advocate.code());
        assertThat(click.statusCode()).isEqualTo(302);
        assertThat(click.headers().firstValue("Location")).hasValue("https://www.example.com/signup?ref=" + advocate.code());
        assertThat(click.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).startsWith("referloop_ref=" + advocate.code()));

        String friendEmail = unique("friend") + "@fabrikam.io";
        String friend = hubspot.createContact(Map.of("email", friendEmail, "referral_code", advocate.code()));
        assertThat(webhooks().send(batch(contactCreated(friend)))).isEqualTo(204);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, String> contact = hubspot.contact(friend);
            assertThat(contact).containsEntry("referred_by_email", advocate.email())
                    .containsEntry("referred_by_name", "Grace Hopper")
                    .containsEntry("referral_attribution", "link")
                    .containsEntry("referral_status", "attributed");
            assertThat(hubspot.contact(advocate.contactId())).containsEntry("referrals_made", "1");
        });
    }

    @Test
    void aCodeWithoutAClickIsAttributedByCode() {
        Advocate advocate = advocate("Alan", unique("alan") + "@bletchley.io");
        String friend = hubspot.createContact(Map.of("email", unique("pal") + "@initech.io"));
        hubspot.updateContact(friend, Map.of("referral_code", advocate.code()));
        webhooks().send(batch(propertyChanged(friend, "referral_code", advocate.code())));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(hubspot.contact(friend)).containsEntry("referral_attribution", "code")
                        .containsEntry("referral_status", "attributed"));
    }

    @Test
    void aDuplicateDeliveryIsAcknowledgedAndChangesNothing() {
        String id = hubspot.createContact(Map.of("email", unique("dup") + "@northwind.io"));
        String body = batch(contactCreated(id));
        assertThat(webhooks().send(body)).isEqualTo(204);
        long stored = countInbox(id);
        assertThat(webhooks().send(body)).isEqualTo(204);
        assertThat(webhooks().send(body)).isEqualTo(204);
        assertThat(countInbox(id)).isEqualTo(stored);
    }

    @Test
    void aSelfReferralFromTheSameCompanyDomainIsRejected() {
        String domain = unique("acme") + ".com";
        Advocate advocate = advocate("Wile", "wile@" + domain);
        String colleague = hubspot.createContact(Map.of("email", "roadrunner@" + domain, "referral_code", advocate.code()));
        webhooks().send(batch(contactCreated(colleague)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(hubspot.contact(colleague)).containsEntry("referral_status", "rejected"));
        long referralId = jdbc.sql("SELECT id FROM referral WHERE crm_contact_id = ?").param(colleague)
                .query(Long.class).single();
        JsonNode view = getJson("/api/referrals/" + referralId);
        assertThat(view.at("/decisions/0/rule").asText()).isEqualTo("self-referral");
        assertThat(view.at("/decisions/0/outcome").asText()).isEqualTo("rejected");
    }

    @Test
    void aRegisteredDomainAttributesAColleague() throws Exception {
        Advocate advocate = advocate("Mary", unique("mary") + "@globex.io");
        String domain = unique("umbrella") + ".co";
        assertThat(post("/api/referrals", "{\"advocateCode\":\"" + advocate.code() + "\",\"domain\":\"" + domain + "\"}")
                .statusCode()).isEqualTo(201);

        String contact = hubspot.createContact(Map.of("email", "buyer@" + domain));
        webhooks().send(batch(contactCreated(contact)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(hubspot.contact(contact)).containsEntry("referral_attribution", "domain")
                        .containsEntry("referred_by_email", advocate.email()));
    }

    @Test
    void aFreeMailDomainCannotBeRegisteredAndNeverMatches() throws Exception {
        Advocate advocate = advocate("Joan", unique("joan") + "@hooli.io");
        HttpResponse<String> refused = post("/api/referrals",
                "{\"advocateCode\":\"" + advocate.code() + "\",\"domain\":\"gmail.com\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("free-mail");

        String stranger = hubspot.createContact(Map.of("email", unique("stranger") + "@gmail.com"));
        webhooks().send(batch(contactCreated(stranger)));
        awaitProcessed();
        assertThat(hubspot.contact(stranger).get("referral_status")).isNull();
    }

    @Test
    void aRegisteredEmailAttributesThatContactByEmail() throws Exception {
        Advocate advocate = advocate("Ida", unique("ida") + "@stark.io");
        String email = unique("Invitee") + "@wayne.io";
        post("/api/referrals", "{\"advocateCode\":\"" + advocate.code() + "\",\"email\":\"" + email + "\"}");

        String contact = hubspot.createContact(Map.of("email", email.toUpperCase()));
        webhooks().send(batch(contactCreated(contact)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(hubspot.contact(contact)).containsEntry("referral_attribution", "email"));
    }

    @Test
    void anAttributedContactKeepsItsFirstAttribution() {
        Advocate first = advocate("Katherine", unique("kj") + "@nasa.io");
        Advocate second = advocate("Dorothy", unique("dv") + "@langley.io");
        String contact = hubspot.createContact(Map.of("email", unique("astro") + "@mercury.io", "referral_code", first.code()));
        webhooks().send(batch(contactCreated(contact)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(hubspot.contact(contact)).containsEntry("referred_by_email", first.email()));

        hubspot.updateContact(contact, Map.of("referral_code", second.code()));
        webhooks().send(batch(propertyChanged(contact, "referral_code", second.code())));
        awaitProcessed();

        assertThat(hubspot.contact(contact)).containsEntry("referred_by_email", first.email());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM decision_log WHERE rule = 'first-attribution-kept' AND subject LIKE ?")
                .param("hubspot:" + contact + "%").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aWonDealOfAReferredContactConvertsOnceAndTheDealShowsTheReferral() {
        Advocate advocate = advocate("Barbara", unique("liskov") + "@mit.io");
        String friend = hubspot.createContact(Map.of("email", unique("buyer") + "@clu.io", "referral_code", advocate.code()));
        webhooks().send(batch(contactCreated(friend)));
        await().atMost(Duration.ofSeconds(20)).until(() -> "attributed".equals(hubspot.contact(friend).get("referral_status")));

        String deal = hubspot.createDeal(Map.of("dealname", "CLU licence", "amount", "12000", "dealstage", "contractsent",
                "pipeline", "default"));
        hubspot.associateDeal(deal, "contacts", friend);
        hubspot.updateDeal(deal, Map.of("dealstage", "closedwon"));
        webhooks().send(batch(HubSpotWebhooks.event("deal.propertyChange", deal, "dealstage", "closedwon")));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(hubspot.deal(deal)).containsEntry("referral_source", "referral")
                    .containsEntry("referred_by_email", advocate.email())
                    .containsEntry("referral_reward_amount", "50.00");
            assertThat(hubspot.contact(advocate.contactId())).containsEntry("referrals_converted", "1");
        });

        String secondDeal = hubspot.createDeal(Map.of("dealname", "Upsell", "amount", "5000", "dealstage", "closedwon",
                "pipeline", "default"));
        hubspot.associateDeal(secondDeal, "contacts", friend);
        webhooks().send(batch(HubSpotWebhooks.event("deal.creation", secondDeal, null, null)));
        awaitProcessed();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM reward r JOIN referral f ON f.id = r.referral_id WHERE f.crm_contact_id = ?")
                .param(friend).query(Long.class).single()).isEqualTo(1);
        assertThat(hubspot.deal(secondDeal).get("referral_source")).isNull();
    }

    @Test
    void aDealInAnotherStageIsNotAConversion() {
        Advocate advocate = advocate("Frances", unique("allen") + "@ibm.io");
        String friend = hubspot.createContact(Map.of("email", unique("lead") + "@ptran.io", "referral_code", advocate.code()));
        webhooks().send(batch(contactCreated(friend)));
        String deal = hubspot.createDeal(Map.of("dealname", "Maybe", "dealstage", "appointmentscheduled", "pipeline", "default"));
        hubspot.associateDeal(deal, "contacts", friend);
        webhooks().send(batch(HubSpotWebhooks.event("deal.creation", deal, null, null)));
        awaitProcessed();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM conversion WHERE external_ref = ?").param(deal).query(Long.class).single())
                .isZero();
    }

    @Test
    void anUnknownCodeIsA404Page() throws Exception {
        assertThat(get("/r/NOSUCH99").statusCode()).isEqualTo(404);
    }

    @Test
    void aCodeWithCharactersThatUpperCaseToItsLettersIsA404AndNoClick() throws Exception {
        jdbc.sql("INSERT INTO advocate (code, email, status, enrolled_by, created_at) VALUES ('FFSS-KIT', ?, 'active', 'admin', CURRENT_TIMESTAMP)")
                .param(unique("ligature") + "@example.com").update();
        long clicks = jdbc.sql("SELECT COUNT(*) FROM referral_click").query(Long.class).single();
        assertThat(get("/r/%EF%AC%80SS-K%C4%B1T").statusCode()).isEqualTo(404);
        assertThat(get("/r/ffss-kit").statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM referral_click").query(Long.class).single()).isEqualTo(clicks + 1);
    }

    @Test
    void aBatchWithNonAsciiTextAndJsonEscapesVerifiesAndIsStored() {
        String id = hubspot.createContact(Map.of("email", unique("zoe") + "@northwind.io", "firstname", "Zoë"));
        byte[] body = batch(HubSpotWebhooks.event("contact.propertyChange", id, "firstname", "Zoë 日本 \\u00e9"))
                .getBytes(StandardCharsets.UTF_8);
        long before = countInbox(id);
        assertThat(webhooks().send(body)).isEqualTo(204);
        assertThat(countInbox(id)).isEqualTo(before + 1);
    }

    @Test
    void aBadSignatureIs401AndStoresNothing() {
        byte[] body = batch(contactCreated("1")).getBytes(StandardCharsets.UTF_8);
        long before = countInbox();
        String ts = Long.toString(System.currentTimeMillis());
        assertThat(webhooks().send(body, "bm90IHRoZSBzaWduYXR1cmU=", ts)).isEqualTo(401);
        assertThat(webhooks().send(body, null, ts)).isEqualTo(401);
        String old = Long.toString(System.currentTimeMillis() - 301_000);
        assertThat(webhooks().send(body, webhooks().sign(body, old), old)).isEqualTo(401);
        assertThat(countInbox()).isEqualTo(before);
    }

    @Test
    void aMalformedBodyIs400AndStoresNothing() {
        long before = countInbox();
        assertThat(webhooks().send("{\"not\":\"an array\"}")).isEqualTo(400);
        assertThat(webhooks().send("[{\"subscriptionType\":\"contact.creation\"}]")).isEqualTo(400);
        assertThat(webhooks().send("[{\"objectId\":1,")).isEqualTo(400);
        assertThat(countInbox()).isEqualTo(before);
    }

    @Test
    void aBodyOverOneMebibyteIs413() {
        byte[] body = new byte[1024 * 1024 + 10];
        java.util.Arrays.fill(body, (byte) ' ');
        body[0] = '[';
        body[body.length - 1] = ']';
        assertThat(webhooks().send(body)).isEqualTo(413);
    }

    @Test
    void theAdminApiRefusesCallsWithoutTheToken() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/advocates"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"x@y.io\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(uri("/api/referrals/1"))
                .header("Authorization", "Bearer wrong").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void theConnectorCreatesItsPropertiesInHubSpot() {
        Advocate advocate = advocate("Hedy", unique("hedy") + "@lamarr.io");
        assertThat(advocate.code()).isNotBlank();
        assertThat(hubspot.hasPropertyGroup("contacts", "referloop")).isTrue();
        assertThat(hubspot.hasProperty("contacts", "referral_status")).isTrue();
        assertThat(hubspot.hasProperty("deals", "referral_reward_amount")).isTrue();
    }

    /** A promoter enrolled through the whole path: NPS 10 in HubSpot, webhook, code written back. */
    Advocate advocate(String firstName, String email) {
        String id = hubspot.createContact(Map.of("email", email, "firstname", firstName,
                "lastname", "Grace".equals(firstName) ? "Hopper" : "Tester", "nps_score", "9"));
        webhooks().send(batch(contactCreated(id)));
        await().atMost(Duration.ofSeconds(20)).until(() -> hubspot.contact(id).get("referral_code") != null);
        return new Advocate(id, email.toLowerCase(), hubspot.contact(id).get("referral_code"));
    }

    void awaitProcessed() {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM inbox_event WHERE status IN ('NEW', 'CLAIMED')").query(Long.class).single() == 0
                && jdbc.sql("SELECT COUNT(*) FROM crm_write WHERE status = 'PENDING'").query(Long.class).single() == 0);
    }

    /** Every event stored: only the tests' own deliveries store events, and one test at a time. */
    long countInbox() {
        return jdbc.sql("SELECT COUNT(*) FROM inbox_event").query(Long.class).single();
    }

    /** The events stored about this HubSpot object, whatever other tests store meanwhile. */
    long countInbox(String objectId) {
        return jdbc.sql("SELECT COUNT(*) FROM inbox_event WHERE source = 'hubspot' AND object_id = ?").param(objectId)
                .query(Long.class).single();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + ADMIN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode getJson(String path) {
        try {
            return json.readTree(get(path).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
