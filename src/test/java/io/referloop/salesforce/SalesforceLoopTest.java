package io.referloop.salesforce;

import io.referloop.demo.FakeSalesforce;
import io.referloop.demo.FakeTremendous;
import io.referloop.ingest.PollCheckpoints;
import io.referloop.ingest.StripeSignature;
import io.referloop.reward.Conversion;
import io.referloop.reward.RewardService;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.verify;

/**
 * The whole loop on Salesforce (polling and outbound messages), with Stripe as billing, to one gift card; and
 * what a won opportunity hands the reward logic (a spy on it records every conversion).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SalesforceLoopTest {

    static final String ORG = "00Dxx0000000001EAA";
    static final String WHSEC = "whsec_salesforce_loop";
    static final FakeSalesforce salesforce = new FakeSalesforce(ORG, "client-id", "client-secret", "int@acme.io", "pw+token").start();
    static final FakeTremendous tremendous = new FakeTremendous("TEST_sf").start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:salesforce-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("referloop.salesforce.authentication-type", () -> "USERNAME_PASSWORD");
        registry.add("referloop.salesforce.login-url", salesforce::baseUrl);
        registry.add("referloop.salesforce.client-id", () -> "client-id");
        registry.add("referloop.salesforce.client-secret", () -> "client-secret");
        registry.add("referloop.salesforce.username", () -> "int@acme.io");
        registry.add("referloop.salesforce.password", () -> "pw+token");
        registry.add("referloop.salesforce.organization-id", () -> ORG);
        registry.add("referloop.salesforce.poll-interval", () -> "1s");
        registry.add("referloop.salesforce.writeback-interval-ms", () -> "100");
        registry.add("referloop.stripe.webhook-secret", () -> WHSEC);
        registry.add("referloop.tremendous.base-url", tremendous::baseUrl);
        registry.add("referloop.tremendous.api-key", () -> "TEST_sf");
        registry.add("referloop.tremendous.product-ids", () -> "OKMHM2X2OHYV");
        registry.add("referloop.inbox.poll-interval-ms", () -> "50");
        registry.add("referloop.rewards.issue-interval-ms", () -> "100");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PollCheckpoints checkpoints;
    @MockitoSpyBean
    RewardService rewards;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aPromoterFoundByPollingIsEnrolledAndAReferredContactsPaymentPaysOneGiftCard() {
        awaitPollerStarted();
        String advocateEmail = "ada-" + UUID.randomUUID().toString().substring(0, 8) + "@analytical.io";
        String advocate = salesforce.createRecord("Contact", Map.of("Email", advocateEmail, "FirstName", "Ada",
                "LastName", "Lovelace", "NPS_Score__c", 10));
        await().atMost(Duration.ofSeconds(30)).until(() -> salesforce.record("Contact", advocate).get("Referral_Code__c") != null);
        String code = (String) salesforce.record("Contact", advocate).get("Referral_Code__c");
        assertThat(salesforce.record("Contact", advocate).get("Referral_Link__c")).asString().endsWith("/r/" + code);

        String friendEmail = "bob-" + UUID.randomUUID().toString().substring(0, 8) + "@babbage.io";
        String friend = salesforce.createRecord("Contact", Map.of("Email", friendEmail, "LastName", "Babbage",
                "Referral_Code__c", code));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(salesforce.record("Contact", friend))
                .containsEntry("Referral_Status__c", "attributed").containsEntry("Referred_By_Email__c", advocateEmail));

        int orders = tremendous.orderCount();
        assertThat(stripe(invoice(friendEmail))).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(salesforce.record("Contact", friend)).containsEntry("Referral_Status__c", "rewarded"));
        assertThat(tremendous.orderCount()).isEqualTo(orders + 1);

        String opportunity = salesforce.createRecord("Opportunity", Map.of("Name", "Babbage deal", "StageName",
                "Closed Won", "IsWon", true, "IsClosed", true, "Amount", 5000));
        salesforce.createRecord("OpportunityContactRole", Map.of("OpportunityId", opportunity, "ContactId", friend, "IsPrimary", true));
        salesforce.updateRecord("Opportunity", opportunity, Map.of("Amount", 5000));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(salesforce.record("Opportunity", opportunity)).containsEntry("Referral_Source__c", "referral"));
        assertThat(tremendous.orderCount()).as("a won deal after the first payment pays nothing more").isEqualTo(orders + 1);
        assertThat(salesforce.collectionSizes()).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(200));
    }

    @Test
    void anOutboundMessageEnrolsAPromoterWithoutWaitingForThePoll() throws Exception {
        String email = "om-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.io";
        String id = salesforce.createRecord("Contact", Map.of("Email", email, "LastName", "Message"));
        String notification = "04l" + UUID.randomUUID().toString().replace("-", "").substring(0, 15).toUpperCase();
        String soap = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body>"
                + "<notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\"><OrganizationId>" + ORG + "</OrganizationId>"
                + "<ActionId>04kxx0000000001AAA</ActionId><Notification><Id>" + notification + "</Id>"
                + "<sObject xsi:type=\"sf:Contact\" xmlns:sf=\"urn:sobject.enterprise.soap.sforce.com\"><sf:Id>" + id + "</sf:Id>"
                + "<sf:Email>" + email + "</sf:Email><sf:LastName>Message</sf:LastName><sf:NPS_Score__c>9</sf:NPS_Score__c>"
                + "</sObject></Notification></notifications></soapenv:Body></soapenv:Envelope>";
        HttpResponse<String> ack = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/salesforce"))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(soap)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ack.body()).contains("<Ack>true</Ack>");
        await().atMost(Duration.ofSeconds(30)).until(() -> salesforce.record("Contact", id).get("Referral_Code__c") != null);
    }

    @Test
    void eachRecordVersionIsPolledOnceAndTheCheckpointIsStored() {
        awaitPollerStarted();
        String id = salesforce.createRecord("Lead", Map.of("Email", "lead-" + UUID.randomUUID() + "@acme.io",
                "LastName", "Lead", "Company", "Acme"));
        await().atMost(Duration.ofSeconds(20)).until(() -> polled(id) == 1);
        await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(polled(id)).isEqualTo(1);
        assertThat(checkpoints.get("salesforce:Lead")).isPresent();
    }

    @Test
    void aWonOpportunityWithoutContactRolesConvertsThroughItsAccountsWebsiteDomain() {
        awaitPollerStarted();
        String account = salesforce.createRecord("Account", Map.of("Name", "Acme", "Website", "https://www.Acme.com/pricing"));
        String opportunity = salesforce.createRecord("Opportunity", Map.of("Name", "Acme deal", "StageName", "Closed Won",
                "Amount", 5000, "AccountId", account));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(conversionsOf(opportunity))
                .extracting(Conversion::email, Conversion::companyDomain).containsExactly(tuple(null, "acme.com")));
    }

    @Test
    void aWonOpportunitysContactRolesConvertWithTheirAccountsDomainAndTheAccountConvertsToo() {
        awaitPollerStarted();
        String account = salesforce.createRecord("Account", Map.of("Name", "Initech", "Website", "initech.io"));
        String email = "peter-" + UUID.randomUUID().toString().substring(0, 8) + "@initech.io";
        String contact = salesforce.createRecord("Contact", Map.of("Email", email, "FirstName", "Peter",
                "LastName", "Gibbons", "AccountId", account));
        String opportunity = salesforce.createRecord("Opportunity", Map.of("Name", "Initech deal",
                "StageName", "Prospecting", "Amount", 8000, "AccountId", account));
        salesforce.createRecord("OpportunityContactRole", Map.of("OpportunityId", opportunity, "ContactId", contact));
        salesforce.updateRecord("Opportunity", opportunity, Map.of("StageName", "Closed Won"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(conversionsOf(opportunity))
                .extracting(Conversion::email, Conversion::name, Conversion::companyDomain)
                .containsExactly(tuple(email, "Peter Gibbons", "initech.io"), tuple(null, null, "initech.io")));
    }

    /** What the reward logic was handed for that opportunity so far. */
    private List<Conversion> conversionsOf(String opportunity) {
        ArgumentCaptor<Conversion> conversions = ArgumentCaptor.forClass(Conversion.class);
        verify(rewards, atLeast(0)).onConversion(conversions.capture());
        return conversions.getAllValues().stream().filter(c -> opportunity.equals(c.externalRef())).toList();
    }

    private void awaitPollerStarted() {
        await().atMost(Duration.ofSeconds(20)).until(() -> checkpoints.get("salesforce:Opportunity").isPresent());
    }

    private long polled(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM inbox_event WHERE source = 'salesforce' AND object_id = ?")
                .param(id).query(Long.class).single();
    }

    private int stripe(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long t = System.currentTimeMillis() / 1000;
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/stripe"))
                    .header("Stripe-Signature", "t=" + t + ",v1=" + StripeSignature.sign(WHSEC, t, bytes))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String invoice(String email) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        return "{\"id\":\"evt_" + id + "\",\"object\":\"event\",\"created\":" + System.currentTimeMillis() / 1000
                + ",\"type\":\"invoice.paid\",\"data\":{\"object\":{\"id\":\"in_" + id + "\",\"object\":\"invoice\","
                + "\"billing_reason\":\"subscription_create\",\"customer_email\":\"" + email + "\",\"amount_paid\":4900,"
                + "\"currency\":\"usd\",\"status\":\"paid\",\"charge\":\"ch_" + id + "\"}}}";
    }
}
