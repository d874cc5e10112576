package io.referloop.salesforce;

import io.referloop.demo.FakeSalesforce;
import io.referloop.outbox.CrmWriteOutbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Writes to Salesforce through sObject Collections, against the org's per-record errors and its API limit.
 * <p>
 * A context of its own: a Salesforce org (the fake) to write to.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
class SalesforceWritebackTest {

    static final String ORG = "00Dxx0000000003EAA";
    static final String ADMIN = "admin-token-writeback";
    static final FakeSalesforce salesforce = PasswordLogin.org(ORG);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:sf-writeback-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        PasswordLogin.register(registry, salesforce);
        registry.add("referloop.salesforce.poll-interval", () -> "1s");
        registry.add("referloop.salesforce.writeback-interval-ms", () -> "100");
        registry.add("referloop.admin.token", () -> ADMIN);
    }

    @LocalServerPort
    int port;
    @Autowired
    CrmWriteOutbox outbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void aRefusedRecordFailsAloneWithSalesforcesReasonWhileTheOthersInTheSameCallAreWritten() {
        // a well-formed Contact id of no record (15 characters without capitals: checksum AAA)
        String deleted = "003xx0" + unique(9) + "AAA";
        String badEmail = salesforce.createRecord("Contact", Map.of("LastName", "Bad"));
        List<String> good = new ArrayList<>();
        for (int i = 0; i < 248; i++) {
            good.add(salesforce.createRecord("Contact", Map.of("LastName", "Good " + i)));
        }
        int calls = salesforce.collectionSizes().size();

        // in one transaction, so the writer finds all 250 at once: one call of 200 (both refusals in it), one of 50
        transaction.executeWithoutResult(tx -> {
            outbox.add(SalesforceInbox.CRM, "Contact", deleted, Map.of("Referral_Code__c", "GONE"));
            outbox.add(SalesforceInbox.CRM, "Contact", badEmail, Map.of("Referred_By_Email__c", "not-an-email"));
            good.forEach(id -> outbox.add(SalesforceInbox.CRM, "Contact", id, Map.of("Referral_Code__c", "C-" + id)));
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> pending(deleted, badEmail, good.get(good.size() - 1)) == 0);

        assertThat(row(deleted)).containsEntry("STATUS", "FAILED").containsEntry("LAST_ERROR", "ENTITY_IS_DELETED: entity is deleted");
        assertThat(row(badEmail)).containsEntry("STATUS", "FAILED")
                .containsEntry("LAST_ERROR", "INVALID_EMAIL_ADDRESS: Referred By Email: invalid email address: not-an-email");
        assertThat(good).allSatisfy(id -> {
            assertThat(row(id)).containsEntry("STATUS", "SENT");
            assertThat(salesforce.record("Contact", id)).containsEntry("Referral_Code__c", "C-" + id);
        });
        List<Integer> sizes = salesforce.collectionSizes().subList(calls, salesforce.collectionSizes().size());
        assertThat(sizes).containsExactly(200, 50);
    }

    @Test
    void anExhaustedApiLimitKeepsWritesPendingAndRetriesThemNoSoonerThanAnHourLater() {
        String id = salesforce.createRecord("Contact", Map.of("LastName", "Limited"));
        Instant queued = Instant.now();
        salesforce.exhaustApiLimit(true);
        try {
            outbox.add(SalesforceInbox.CRM, "Contact", id, Map.of("Referral_Code__c", "LATER"));
            await().atMost(Duration.ofSeconds(30)).until(() -> row(id).get("LAST_ERROR") != null);

            Map<String, Object> row = row(id);
            assertThat(row).containsEntry("STATUS", "PENDING");
            assertThat((String) row.get("LAST_ERROR")).contains("REQUEST_LIMIT_EXCEEDED");
            assertThat(nextAttempt(id))
                    .isAfterOrEqualTo(queued.plus(Duration.ofHours(1)))
                    .isBefore(Instant.now().plus(Duration.ofHours(1)).plusSeconds(60));
        } finally {
            salesforce.exhaustApiLimit(false);
        }
        assertThat(salesforce.record("Contact", id)).doesNotContainKey("Referral_Code__c");
    }

    @Test
    void theOrgsApiUsageAndLimitFromSforceLimitInfoAreGaugesOnThePrometheusEndpoint() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> gauge("referloop_salesforce_api_usage") > 0);

        double usage = gauge("referloop_salesforce_api_usage");
        assertThat(usage).isLessThanOrEqualTo(salesforce.apiUsage());
        assertThat(gauge("referloop_salesforce_api_limit")).isEqualTo(15000);
    }

    private double gauge(String name) throws Exception {
        HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + ADMIN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? (\\S+)$").matcher(scrape.body());
        return m.find() ? Double.parseDouble(m.group(2)) : Double.NaN;
    }

    private Instant nextAttempt(String id) {
        return jdbc.sql("SELECT next_attempt_at FROM crm_write WHERE object_id = ?").param(id)
                .query(Timestamp.class).single().toInstant();
    }

    private long pending(String... ids) {
        return jdbc.sql("SELECT COUNT(*) FROM crm_write WHERE status = 'PENDING' AND object_id IN (:ids)")
                .param("ids", List.of(ids)).query(Long.class).single();
    }

    private Map<String, Object> row(String id) {
        return jdbc.sql("SELECT status, last_error FROM crm_write WHERE object_id = ?")
                .param(id).query().singleRow();
    }

    private static String unique(int length) {
        return UUID.randomUUID().toString().replaceAll("[^0-9]", "0").substring(0, length);
    }
}
