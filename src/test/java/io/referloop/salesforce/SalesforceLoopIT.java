package io.referloop.salesforce;

import io.referloop.demo.FakeSalesforce;
import io.referloop.demo.FakeTremendous;
import io.referloop.ingest.ClusterLock;
import io.referloop.ingest.PollCheckpoints;
import io.referloop.ingest.StripeSignature;
import io.referloop.reward.Conversion;
import io.referloop.reward.RewardService;
import io.referloop.referral.ReferralService;
import io.referloop.support.ShippedRoutes;
import io.referloop.support.TremendousProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.referloop.support.Polling.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.verify;

/**
 * The whole loop on Salesforce (polling and outbound messages), with Stripe as billing, to one gift card; and
 * what a won opportunity hands the reward logic (a spy on it records every conversion).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SalesforceLoopIT {

    static final String ORG = "00Dxx0000000001EAA";
    static final String WHSEC = "whsec_salesforce_loop";
    static final FakeSalesforce salesforce = PasswordLogin.org(ORG);
    static final FakeTremendous tremendous = new FakeTremendous("TEST_sf").start();
    static final Pattern LEAD_POLL = Pattern.compile(" FROM Lead WHERE SystemModstamp >= (\\S+) ");

    /** The shipped routes/, but with the poller ticking every 100 ms rather than every second. */
    static final Path ROUTES = routesWithPollerTicking(100);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:salesforce-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        // most tests wait for polls: the shipped tick of a second would be most of their time
        registry.add("camel.main.routes-include-pattern", () -> ShippedRoutes.includePattern(ROUTES));
        PasswordLogin.register(registry, salesforce);
        registry.add("referloop.salesforce.organization-id", () -> ORG);
        registry.add("referloop.salesforce.poll-interval", () -> "200ms");
        registry.add("referloop.salesforce.poll-overlap", () -> "90s");
        registry.add("referloop.salesforce.writeback-interval-ms", () -> "100");
        registry.add("referloop.stripe.webhook-secret", () -> WHSEC);
        TremendousProperties.register(registry, tremendous, "TEST_sf");
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
    @Autowired
    SalesforcePoller poller;
    @Autowired
    ReferralService referrals;

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

        String friendEmail = "bob@babbage-" + UUID.randomUUID().toString().substring(0, 8) + ".io";
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
    void anOutboundMessageIsActedOnAsTheOrgsRecordSays() throws Exception {
        String email = "om-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.io";
        String id = salesforce.createRecord("Contact", Map.of("Email", email, "LastName", "Message", "NPS_Score__c", 9));
        String notification = notificationId();

        HttpResponse<String> ack = outbound(notification, "Contact", id, Map.of("Email", email, "LastName", "Message"));

        assertThat(ack.body()).contains("<Ack>true</Ack>");
        await().atMost(Duration.ofSeconds(30)).until(() -> salesforce.record("Contact", id).get("Referral_Code__c") != null);
        await().atMost(Duration.ofSeconds(30)).until(() -> "DONE".equals(notificationStatus(notification)));
    }

    @Test
    void aMessageClaimingAReferralCodeTheOrgsRecordDoesNotHaveChangesNothing() throws Exception {
        String code = referrals.enrolByHand("adv-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.io", "Ada").code();
        String friendEmail = "forged@babbage-" + UUID.randomUUID().toString().substring(0, 8) + ".io";
        String friend = salesforce.createRecord("Contact", Map.of("Email", friendEmail, "LastName", "Babbage"));
        String notification = notificationId();

        HttpResponse<String> ack = outbound(notification, "Contact", friend,
                Map.of("Email", friendEmail, "LastName", "Babbage", "Referral_Code__c", code));

        assertThat(ack.body()).contains("<Ack>true</Ack>");
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(notification));
        assertThat(referralsOf(friendEmail)).isZero();
        assertThat(salesforce.record("Contact", friend)).doesNotContainKey("Referral_Status__c");
    }

    @Test
    void aMessageClaimingAWonOpportunityTheOrgHasOpenPaysNothing() throws Exception {
        String code = referrals.enrolByHand("adv-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.io", "Ada").code();
        String friendEmail = "deal@babbage-" + UUID.randomUUID().toString().substring(0, 8) + ".io";
        referrals.register(code, friendEmail, null);
        String friend = salesforce.createRecord("Contact", Map.of("Email", friendEmail, "LastName", "Babbage"));
        String opportunity = salesforce.createRecord("Opportunity", Map.of("Name", "Open deal", "StageName", "Prospecting",
                "Amount", 5000));
        salesforce.createRecord("OpportunityContactRole", Map.of("OpportunityId", opportunity, "ContactId", friend));
        int orders = tremendous.orderCount();
        String notification = notificationId();

        HttpResponse<String> ack = outbound(notification, "Opportunity", opportunity,
                Map.of("IsWon", "true", "StageName", "Closed Won", "Amount", "5000"));

        assertThat(ack.body()).contains("<Ack>true</Ack>");
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(notification));
        assertThat(rewardsOf(friendEmail)).isZero();
        assertThat(tremendous.orderCount()).isEqualTo(orders);
    }

    @Test
    void aMessageNamingARecordTheOrgDoesNotHaveIsAcknowledgedAndChangesNothing() throws Exception {
        String email = "ghost-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.io";
        String notification = notificationId();

        HttpResponse<String> ack = outbound(notification, "Contact", "003xx0000099999AAA",
                Map.of("Email", email, "LastName", "Ghost", "NPS_Score__c", "10"));

        assertThat(ack.body()).contains("<Ack>true</Ack>");
        await().atMost(Duration.ofSeconds(30)).until(() -> "IGNORED".equals(notificationStatus(notification)));
        assertThat(jdbc.sql("SELECT last_error FROM inbox_event WHERE external_id = ?").param(notification)
                .query(String.class).single()).contains("003xx0000099999AAA").contains("changes nothing");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM advocate WHERE email = ?").param(email).query(Long.class).single()).isZero();
    }

    @Test
    void aRecordVersionReReadInsideTheOverlapIsStoredOnceAndTheCheckpointIsStored() {
        awaitPollerStarted();
        String id = salesforce.createRecord("Lead", Map.of("Email", "lead-" + UUID.randomUUID() + "@acme.io",
                "LastName", "Lead", "Company", "Acme"));
        await().atMost(Duration.ofSeconds(20)).until(() -> polled(id) == 1);
        Instant stamp = salesforceTime(salesforce.record("Lead", id).get("SystemModstamp"));
        int queriesBefore = salesforce.queries().size();

        // two later polls whose window starts before the record's stamp: the second begins after the first has stored
        await().atMost(Duration.ofSeconds(20)).until(() -> leadPollsFrom(queriesBefore).filter(stamp::isAfter).count() >= 2);

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

    @Test
    void aRecordChangedJustBeforeTheFirstPollIsFound() {
        awaitPollerStarted();
        ClusterLock otherInstance = holdPollingLease();
        String id;
        try {
            id = salesforce.createRecord("Lead", Map.of("Email", "first-" + UUID.randomUUID() + "@acme.io",
                    "LastName", "First", "Company", "Acme"));
            jdbc.sql("DELETE FROM poll_checkpoint WHERE name LIKE 'salesforce:%'").update();
        } finally {
            otherInstance.release(SalesforcePoller.LOCK);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> polled(id) == 1);
    }

    @Test
    void aRecordCommittedLateWithAStampBelowTheCheckpointIsFoundInTheOverlap() {
        awaitPollerStarted();
        Instant transactionStart = Instant.now().minusSeconds(30);
        String newer = salesforce.createRecord("Lead", Map.of("Email", "newer-" + UUID.randomUUID() + "@acme.io",
                "LastName", "Newer", "Company", "Acme"));
        await().atMost(Duration.ofSeconds(20)).until(() -> polled(newer) == 1);

        String late = salesforce.createRecordCommittedLate("Lead", Map.of("Email", "late-" + UUID.randomUUID() + "@acme.io",
                "LastName", "Late", "Company", "Acme"), transactionStart);

        assertThat(soqlTime(checkpoints.get("salesforce:Lead").orElseThrow()))
                .isAfter(salesforceTime(salesforce.record("Lead", late).get("SystemModstamp")));
        await().atMost(Duration.ofSeconds(20)).until(() -> polled(late) == 1);
    }

    @Test
    void eachPollReReadsTheConfiguredOverlapBeforeItsCheckpoint() {
        awaitPollerStarted();
        int queriesBefore = salesforce.queries().size();

        await().atMost(Duration.ofSeconds(20)).until(() -> leadPollsFrom(queriesBefore).anyMatch(from ->
                from.equals(soqlTime(checkpoints.get("salesforce:Lead").orElseThrow()).minusSeconds(90))));
    }

    private void awaitPollerStarted() {
        await().atMost(Duration.ofSeconds(20)).until(() -> checkpoints.get("salesforce:Opportunity").isPresent());
    }

    /** The lower bounds of the Lead polls made since the n-th query. */
    private Stream<Instant> leadPollsFrom(int n) {
        List<FakeSalesforce.Query> queries = salesforce.queries();
        return queries.subList(n, queries.size()).stream().map(FakeSalesforce.Query::soql)
                .map(LEAD_POLL::matcher).filter(Matcher::find).map(m -> soqlTime(m.group(1)));
    }

    /** Holds the poller's lease as another instance would, so that the connector's poller waits. */
    private ClusterLock holdPollingLease() {
        ClusterLock otherInstance = new ClusterLock(jdbc, Clock.systemUTC());
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            poller.releaseLease();
            return otherInstance.tryAcquire(SalesforcePoller.LOCK, Duration.ofMinutes(1));
        });
        return otherInstance;
    }

    private HttpResponse<String> outbound(String notification, String type, String id, Map<String, String> fields)
            throws Exception {
        StringBuilder sObject = new StringBuilder("<sf:Id>" + id + "</sf:Id>");
        fields.forEach((name, value) -> sObject.append("<sf:").append(name).append('>').append(value)
                .append("</sf:").append(name).append('>'));
        String soap = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body>"
                + "<notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\"><OrganizationId>" + ORG + "</OrganizationId>"
                + "<ActionId>04kxx0000000001AAA</ActionId><Notification><Id>" + notification + "</Id>"
                + "<sObject xsi:type=\"sf:" + type + "\" xmlns:sf=\"urn:sobject.enterprise.soap.sforce.com\">" + sObject
                + "</sObject></Notification></notifications></soapenv:Body></soapenv:Envelope>";
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/salesforce"))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(soap)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String notificationStatus(String notification) {
        return jdbc.sql("SELECT status FROM inbox_event WHERE source = 'salesforce' AND external_id = ?")
                .param(notification).query(String.class).optional().orElse(null);
    }

    private boolean processed(String notification) {
        return List.of("DONE", "IGNORED").contains(notificationStatus(notification));
    }

    private long referralsOf(String email) {
        return jdbc.sql("SELECT COUNT(*) FROM referral WHERE referred_email = ?")
                .param(email).query(Long.class).single();
    }

    private long rewardsOf(String email) {
        return jdbc.sql("SELECT COUNT(*) FROM reward r JOIN referral f ON f.id = r.referral_id WHERE f.referred_email = ?")
                .param(email).query(Long.class).single();
    }

    private static String notificationId() {
        return "04l" + UUID.randomUUID().toString().replace("-", "").substring(0, 15).toUpperCase();
    }

    private static Instant salesforceTime(Object stamp) {
        return OffsetDateTime.parse((String) stamp, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")).toInstant();
    }

    private static Instant soqlTime(String literal) {
        return OffsetDateTime.parse(literal).toInstant();
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

    private static Path routesWithPollerTicking(long period) {
        try {
            return ShippedRoutes.tickingOften(Files.createTempDirectory("referloop-routes"),
                    "salesforce-polling.camel.yaml", period, period);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void removeRoutes() {
        FileSystemUtils.deleteRecursively(ROUTES.toFile());
    }
}
