package io.referloop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.support.JwtKeystore;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class FakeSalesforceTest {

    private static final String ORG_ID = "00Dxx0000000001EAA";
    private static final String CLIENT_ID = "3MVG9-test-consumer-key";
    private static final String CLIENT_SECRET = "test-consumer-secret";
    private static final String USERNAME = "integration@referloop.test";
    private static final String PASSWORD = "s3cret+TOKEN";
    private static final String V = "/services/data/v66.0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter SALESFORCE_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");

    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path keys;
    private FakeSalesforce salesforce;

    @BeforeEach
    void start() {
        salesforce = new FakeSalesforce(ORG_ID, CLIENT_ID, CLIENT_SECRET, USERNAME, PASSWORD).start();
    }

    @AfterEach
    void stop() {
        salesforce.close();
    }

    @Test
    void tokenResponseCarriesIdAndInstanceUrl() throws Exception {
        HttpResponse<String> response = tokenRequest(Map.of("grant_type", "password", "client_id", CLIENT_ID,
                "client_secret", CLIENT_SECRET, "username", USERNAME, "password", PASSWORD, "format", "json"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("access_token").asText()).startsWith(ORG_ID + "!");
        assertThat(body.path("instance_url").asText()).isEqualTo(salesforce.baseUrl());
        String id = body.path("id").asText();
        assertThat(id).isEqualTo(salesforce.baseUrl() + "/id/" + ORG_ID + "/005xx000001SvogAAC");
        assertThat(id.substring(id.indexOf("id/") + 3, id.indexOf("id/") + 21)).isEqualTo(ORG_ID);
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("issued_at").asText()).matches("\\d{13}");
        assertThat(Base64.getDecoder().decode(body.path("signature").asText())).hasSize(32);
        assertThat(salesforce.tokenRequests()).isEqualTo(1);
    }

    @Test
    void badPasswordIs400InvalidGrant() throws Exception {
        HttpResponse<String> response = tokenRequest(Map.of("grant_type", "password", "client_id", CLIENT_ID,
                "client_secret", CLIENT_SECRET, "username", USERNAME, "password", "wrong"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("error").asText()).isEqualTo("invalid_grant");
        assertThat(body.path("error_description").asText()).isEqualTo("authentication failure");
    }

    @Test
    void unknownClientIdIs400InvalidClientId() throws Exception {
        HttpResponse<String> response = tokenRequest(Map.of("grant_type", "client_credentials",
                "client_id", "someone-else", "client_secret", CLIENT_SECRET));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo("invalid_client_id");
    }

    @Test
    void jwtBearerAssertionFromTheClientIdIsAccepted() throws Exception {
        HttpResponse<String> response = jwtRequest(assertion(claims(CLIENT_ID, USERNAME, "https://login.salesforce.com",
                now() + 120), null));

        assertThat(response.statusCode()).isEqualTo(200);
        String token = JSON.readTree(response.body()).path("access_token").asText();
        assertThat(get(V + "/limits", token).statusCode()).isEqualTo(200);
    }

    @Test
    void jwtBearerAssertionSignedByTheUploadedCertificatesKeyIsAccepted() throws Exception {
        JwtKeystore keystore = JwtKeystore.create(keys, "org", "changeit");
        salesforce.trustCertificate(keystore.certificate());

        HttpResponse<String> response = jwtRequest(assertion(claims(CLIENT_ID, USERNAME, salesforce.baseUrl(),
                now() + 270), keystore.privateKey()));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void jwtBearerAssertionSignedByAnotherKeyIs400InvalidGrant() throws Exception {
        salesforce.trustCertificate(JwtKeystore.create(keys, "org", "changeit").certificate());
        JwtKeystore other = JwtKeystore.create(keys, "other", "changeit");

        HttpResponse<String> response = jwtRequest(assertion(claims(CLIENT_ID, USERNAME, salesforce.baseUrl(),
                now() + 120), other.privateKey()));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("error").asText()).isEqualTo("invalid_grant");
        assertThat(body.path("error_description").asText()).isEqualTo("invalid assertion");
    }

    @Test
    void jwtBearerAssertionIsRefusedForAnotherIssuerUserOrAudienceOrWhenExpired() throws Exception {
        assertThat(jwtError(claims("another-app", USERNAME, "https://login.salesforce.com", now() + 120)))
                .isEqualTo("invalid_client_id: client identifier invalid");
        assertThat(jwtError(claims(CLIENT_ID, "someone@else.test", "https://login.salesforce.com", now() + 120)))
                .isEqualTo("invalid_grant: user hasn't approved this consumer");
        assertThat(jwtError(claims(CLIENT_ID, USERNAME, "https://example.com", now() + 120)))
                .isEqualTo("invalid_grant: audience is invalid");
        assertThat(jwtError(claims(CLIENT_ID, USERNAME, "https://login.salesforce.com", now() - 1)))
                .isEqualTo("invalid_grant: expired authorization code");
        assertThat(jwtError(claims(CLIENT_ID, USERNAME, "https://login.salesforce.com", now() + 3600)))
                .as("an assertion valid for an hour").isEqualTo("invalid_grant: invalid assertion");
    }

    private String jwtError(String claims) throws Exception {
        HttpResponse<String> response = jwtRequest(assertion(claims, null));
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        return body.path("error").asText() + ": " + body.path("error_description").asText();
    }

    private HttpResponse<String> jwtRequest(String assertion) throws Exception {
        return tokenRequest(Map.of("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer", "client_id", CLIENT_ID,
                "assertion", assertion));
    }

    /** Claims as camel-salesforce writes them: exp as a string. */
    private static String claims(String iss, String sub, String aud, long exp) {
        return "{\"iss\":\"" + iss + "\",\"sub\":\"" + sub + "\",\"aud\":\"" + aud + "\",\"exp\":\"" + exp + "\"}";
    }

    /** header.claims.signature, URL-safe Base64; signed RS256 with the key, or a dummy signature without one. */
    private static String assertion(String claims, PrivateKey key) throws Exception {
        Base64.Encoder url = Base64.getUrlEncoder();
        String signed = url.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        byte[] signature = new byte[256];
        if (key != null) {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signed.getBytes(StandardCharsets.UTF_8));
            signature = rsa.sign();
        }
        return signed + "." + url.encodeToString(signature);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    @Test
    void dataCallWithoutTokenIs401JsonArray() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(salesforce.baseUrl() + V
                + "/query?q=SELECT+Id+FROM+Contact")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.isArray()).isTrue();
        assertThat(body.get(0).path("errorCode").asText()).isEqualTo("INVALID_SESSION_ID");
        assertThat(body.get(0).path("message").asText()).isEqualTo("Session expired or invalid");
        assertThat(salesforce.apiUsage()).isZero();
    }

    @Test
    void revokedTokenIs401() throws Exception {
        String token = token();
        HttpResponse<String> revoke = http.send(HttpRequest.newBuilder(URI.create(salesforce.baseUrl()
                + "/services/oauth2/revoke?token=" + token)).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(revoke.statusCode()).isEqualTo(200);
        assertThat(get(V + "/limits", token).statusCode()).isEqualTo(401);
        assertThat(salesforce.revokeRequests()).isEqualTo(1);
    }

    @Test
    void queryPagesFollowNextRecordsUrlUntilDone() throws Exception {
        for (int i = 0; i < 5; i++) {
            salesforce.createRecord("Contact", Map.of("LastName", "L" + i, "Email", "c" + i + "@example.com"));
        }
        salesforce.setQueryPageSize(2);
        String token = token();

        List<String> emails = new ArrayList<>();
        List<Boolean> dones = new ArrayList<>();
        JsonNode page = JSON.readTree(get(V + "/query?q=" + encode("SELECT Id, Email FROM Contact ORDER BY Email"),
                token).body());
        salesforce.createRecord("Contact", Map.of("LastName", "late", "Email", "a-late@example.com"));
        while (true) {
            assertThat(page.path("totalSize").asInt()).isEqualTo(5);
            page.path("records").forEach(r -> emails.add(r.path("Email").asText()));
            dones.add(page.path("done").asBoolean());
            if (page.path("done").asBoolean()) {
                assertThat(page.has("nextRecordsUrl")).isFalse();
                break;
            }
            String next = page.path("nextRecordsUrl").asText();
            assertThat(next).matches("/services/data/v66\\.0/query/01gxx\\d{10}-\\d+");
            page = JSON.readTree(get(next, token).body());
        }

        assertThat(emails).containsExactly("c0@example.com", "c1@example.com", "c2@example.com", "c3@example.com",
                "c4@example.com");
        assertThat(dones).containsExactly(false, false, true);
        assertThat(salesforce.queryRequests()).isEqualTo(3);
    }

    @Test
    void whereSystemModstampGreaterOrEqualLiteralFilters() throws Exception {
        String before = salesforce.createRecordCommittedLate("Contact", Map.of("LastName", "Before"),
                Instant.now().minusSeconds(5));
        String after = salesforce.createRecord("Contact", Map.of("LastName", "After"));
        String stamp = (String) salesforce.record("Contact", after).get("SystemModstamp");
        assertThat(stamp).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+0000");
        Instant watermark = OffsetDateTime.parse(stamp, SALESFORCE_DATETIME).toInstant();

        JsonNode body = JSON.readTree(get(V + "/query?q=" + encode("select Id, LastName, SystemModstamp from Contact "
                + "where SystemModstamp >= " + watermark + " and LastName != 'x' order by SystemModstamp asc"),
                token()).body());

        assertThat(body.path("totalSize").asInt()).isEqualTo(1);
        JsonNode record = body.path("records").get(0);
        assertThat(record.path("Id").asText()).isEqualTo(after).isNotEqualTo(before);
        assertThat(record.path("SystemModstamp").asText()).isEqualTo(stamp);
        assertThat(record.path("attributes").path("type").asText()).isEqualTo("Contact");
        assertThat(record.path("attributes").path("url").asText()).isEqualTo(V + "/sobjects/Contact/" + after);
    }

    @Test
    void aParentRelationshipFieldIsANestedRecordOrNullWithoutAParent() throws Exception {
        String account = salesforce.createRecord("Account", Map.of("Name", "Acme", "Website", "https://www.acme.com"));
        String withAccount = salesforce.createRecord("Opportunity", Map.of("Name", "Acme deal", "StageName", "Closed Won",
                "CloseDate", "2026-11-22", "AccountId", account));
        String without = salesforce.createRecord("Opportunity", Map.of("Name", "No account", "StageName", "Closed Won",
                "CloseDate", "2026-11-22"));

        JsonNode records = JSON.readTree(get(V + "/query?q=" + encode("SELECT Id, account.website, Account.Name FROM "
                + "Opportunity ORDER BY Name"), token()).body()).path("records");

        JsonNode parent = records.get(0).path("Account");
        assertThat(records.get(0).path("Id").asText()).isEqualTo(withAccount);
        assertThat(parent.path("attributes").path("type").asText()).isEqualTo("Account");
        assertThat(parent.path("attributes").path("url").asText()).isEqualTo(V + "/sobjects/Account/" + account);
        assertThat(parent.path("Website").asText()).isEqualTo("https://www.acme.com");
        assertThat(parent.path("Name").asText()).isEqualTo("Acme");
        assertThat(records.get(1).path("Id").asText()).isEqualTo(without);
        assertThat(records.get(1).get("Account").isNull()).isTrue();
    }

    @Test
    void systemModstampIsStoredToTheSecondAsSalesforceDoes() {
        String id = salesforce.createRecord("Contact", Map.of("LastName", "Stamp"));

        assertThat((String) salesforce.record("Contact", id).get("SystemModstamp")).endsWith(".000+0000");
        assertThat((String) salesforce.record("Contact", id).get("CreatedDate")).endsWith(".000+0000");
    }

    @Test
    void aRecordCommittedLateIsStampedWithItsTransactionsStart() {
        Instant started = Instant.parse("2026-11-22T10:00:07.250Z");

        String id = salesforce.createRecordCommittedLate("Lead", Map.of("LastName", "Late", "Company", "Acme"), started);

        assertThat(salesforce.record("Lead", id)).containsEntry("SystemModstamp", "2026-11-22T10:00:07.000+0000")
                .containsEntry("CreatedDate", "2026-11-22T10:00:07.000+0000");
    }

    @Test
    void malformedQueryIs400MalformedQuery() throws Exception {
        HttpResponse<String> response = get(V + "/query?q=" + encode("SELECT Id Contact WHERE"), token());

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get(0).path("errorCode").asText()).isEqualTo("MALFORMED_QUERY");
    }

    @Test
    void unknownFieldInQueryIs400InvalidField() throws Exception {
        HttpResponse<String> response = get(V + "/query?q=" + encode("SELECT Id, Foo__c FROM Contact"), token());

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).get(0);
        assertThat(error.path("errorCode").asText()).isEqualTo("INVALID_FIELD");
        assertThat(error.path("message").asText()).startsWith("No such column 'Foo__c' on entity 'Contact'.");
    }

    @Test
    void describeListsFieldsAndReflectsRemoveField() throws Exception {
        String token = token();
        JsonNode before = JSON.readTree(get(V + "/sobjects/Contact/describe/", token).body());
        salesforce.removeField("Contact", "Referral_Code__c");
        JsonNode after = JSON.readTree(get(V + "/sobjects/Contact/describe", token).body());

        assertThat(before.path("name").asText()).isEqualTo("Contact");
        assertThat(names(before)).contains("Id", "Email", "Referral_Code__c", "Referrals_Made__c", "SystemModstamp");
        JsonNode email = field(before, "Email");
        assertThat(email.path("type").asText()).isEqualTo("email");
        assertThat(email.path("label").asText()).isEqualTo("Email");
        assertThat(email.path("updateable").asBoolean()).isTrue();
        assertThat(email.path("nillable").asBoolean()).isTrue();
        assertThat(names(after)).contains("Email").doesNotContain("Referral_Code__c");
        HttpResponse<String> unknown = get(V + "/sobjects/Foo__c/describe", token);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get(0).path("errorCode").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void anAddedFieldIsDescribedQueriedAndWrittenLikeTheFieldItIsModelledOn() throws Exception {
        String token = token();
        String id = salesforce.createRecord("Contact", Map.of("LastName", "Added"));

        salesforce.addField("Contact", "NPS_Rating__c", "NPS_Score__c");

        JsonNode describe = JSON.readTree(get(V + "/sobjects/Contact/describe", token).body());
        assertThat(field(describe, "NPS_Rating__c").path("type").asText()).isEqualTo("double");
        assertThat(names(JSON.readTree(get(V + "/sobjects/Lead/describe", token).body()))).doesNotContain("NPS_Rating__c");
        salesforce.updateRecord("Contact", id, Map.of("NPS_Rating__c", 9));
        HttpResponse<String> query = get(V + "/query?q=" + encode("SELECT Id, NPS_Rating__c FROM Contact WHERE Id = '" + id + "'"), token);
        assertThat(query.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(query.body()).path("records").path(0).path("NPS_Rating__c").asDouble()).isEqualTo(9.0);
    }

    @Test
    void collectionsReturnPerRecordResultsWithInvalidFieldForUnknownFields() throws Exception {
        String ok = salesforce.createRecord("Contact", Map.of("LastName", "Ok"));
        String bad = salesforce.createRecord("Contact", Map.of("LastName", "Bad"));
        String stampBefore = (String) salesforce.record("Contact", ok).get("SystemModstamp");

        HttpResponse<String> response = patch(V + "/composite/sobjects", "{\"allOrNone\":false,\"records\":["
                + "{\"attributes\":{\"type\":\"Contact\"},\"id\":\"" + ok + "\",\"Referral_Code__c\":\"ABC\",\"Referrals_Made__c\":3},"
                + "{\"attributes\":{\"type\":\"Contact\"},\"id\":\"" + bad + "\",\"Foo__c\":\"x\"},"
                + "{\"attributes\":{\"type\":\"Contact\"},\"id\":\"003xx0000000999AAA\",\"Referral_Code__c\":\"X\"}]}",
                token());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = JSON.readTree(response.body());
        assertThat(results).hasSize(3);
        assertThat(results.get(0).path("id").asText()).isEqualTo(ok);
        assertThat(results.get(0).path("success").asBoolean()).isTrue();
        assertThat(results.get(0).path("errors")).isEmpty();
        JsonNode invalid = results.get(1).path("errors").get(0);
        assertThat(results.get(1).path("success").asBoolean()).isFalse();
        assertThat(invalid.path("statusCode").asText()).isEqualTo("INVALID_FIELD");
        assertThat(invalid.path("message").asText()).isEqualTo("No such column 'Foo__c' on sobject of type Contact");
        assertThat(invalid.path("fields").get(0).asText()).isEqualTo("Foo__c");
        assertThat(results.get(2).path("errors").get(0).path("statusCode").asText()).isEqualTo("ENTITY_IS_DELETED");
        assertThat(salesforce.record("Contact", ok)).containsEntry("Referral_Code__c", "ABC")
                .containsEntry("Referrals_Made__c", 3);
        assertThat((String) salesforce.record("Contact", ok).get("SystemModstamp")).isGreaterThanOrEqualTo(stampBefore);
        assertThat(salesforce.collectionSizes()).containsExactly(3);
    }

    @Test
    void allOrNoneFailureRollsBackEveryRecord() throws Exception {
        String first = salesforce.createRecord("Lead", Map.of("LastName", "A", "Company", "Acme"));
        String second = salesforce.createRecord("Lead", Map.of("LastName", "B", "Company", "Acme"));

        HttpResponse<String> response = patch(V + "/composite/sobjects", "{\"allOrNone\":true,\"records\":["
                + "{\"attributes\":{\"type\":\"Lead\"},\"id\":\"" + first + "\",\"Referral_Code__c\":\"AAA\"},"
                + "{\"attributes\":{\"type\":\"Lead\"},\"id\":\"" + second + "\",\"Nope__c\":1}]}", token());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = JSON.readTree(response.body());
        assertThat(results.get(0).path("success").asBoolean()).isFalse();
        assertThat(results.get(0).path("errors").get(0).path("statusCode").asText())
                .isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
        assertThat(results.get(1).path("errors").get(0).path("statusCode").asText()).isEqualTo("INVALID_FIELD");
        assertThat(salesforce.record("Lead", first)).doesNotContainKey("Referral_Code__c");
    }

    @Test
    void moreThan200RecordsAreRefused() throws Exception {
        String id = salesforce.createRecord("Contact", Map.of("LastName", "X"));
        String records = IntStream.range(0, 201).mapToObj(i -> "{\"attributes\":{\"type\":\"Contact\"},\"id\":\""
                + id + "\",\"Referral_Code__c\":\"C" + i + "\"}").collect(Collectors.joining(","));

        HttpResponse<String> response = patch(V + "/composite/sobjects", "{\"records\":[" + records + "]}", token());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get(0).path("errorCode").asText()).isEqualTo("EXCEEDED_ID_LIMIT");
        assertThat(salesforce.record("Contact", id)).doesNotContainKey("Referral_Code__c");
        assertThat(salesforce.collectionSizes()).isEmpty();
    }

    @Test
    void malformedCollectionsBodyIs400JsonParserError() throws Exception {
        HttpResponse<String> response = patch(V + "/composite/sobjects", "{\"records\":[{", token());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get(0).path("errorCode").asText()).isEqualTo("JSON_PARSER_ERROR");
    }

    @Test
    void exhaustedApiLimitIs403RequestLimitExceeded() throws Exception {
        String token = token();
        salesforce.exhaustApiLimit(true);

        HttpResponse<String> response = get(V + "/query?q=" + encode("SELECT Id FROM Contact"), token);

        assertThat(response.statusCode()).isEqualTo(403);
        JsonNode error = JSON.readTree(response.body()).get(0);
        assertThat(error.path("errorCode").asText()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
        assertThat(error.path("message").asText()).isEqualTo("TotalRequests Limit exceeded.");
        salesforce.exhaustApiLimit(false);
        assertThat(get(V + "/limits", token).statusCode()).isEqualTo(200);
    }

    @Test
    void sforceLimitInfoHeaderCountsUsage() throws Exception {
        String token = token();

        HttpResponse<String> first = get(V + "/sobjects/Contact/describe", token);
        HttpResponse<String> second = get(V + "/limits", token);

        assertThat(first.headers().firstValue("Sforce-Limit-Info")).hasValue("api-usage=1/15000");
        assertThat(second.headers().firstValue("Sforce-Limit-Info")).hasValue("api-usage=2/15000");
        assertThat(JSON.readTree(second.body()).path("DailyApiRequests").path("Remaining").asInt()).isEqualTo(14998);
        assertThat(salesforce.apiUsage()).isEqualTo(2);
    }

    @Test
    void camelSalesforceQueriesUpdatesAndRevokesOnStop() throws Exception {
        salesforce.setQueryPageSize(2);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(salesforce.createRecord("Contact", Map.of("LastName", "C" + i, "Email", "c" + i + "@example.com")));
        }
        DefaultCamelContext camel = camel();
        try {
            ProducerTemplate template = camel.createProducerTemplate();

            JsonNode first = JSON.readTree(template.requestBody(
                    "salesforce:query?rawPayload=true&sObjectQuery=SELECT Id, Email FROM Contact ORDER BY Email",
                    null, String.class));
            JsonNode second = JSON.readTree(template.requestBodyAndHeader("salesforce:queryMore?rawPayload=true",
                    null, "sObjectQuery", first.path("nextRecordsUrl").asText(), String.class));
            JsonNode describe = JSON.readTree(template.requestBody(
                    "salesforce:getDescription?rawPayload=true&sObjectName=Contact", null, String.class));
            JsonNode update = JSON.readTree(template.requestBody(
                    "salesforce:raw?format=JSON&rawMethod=PATCH&rawPath=/services/data/v66.0/composite/sobjects",
                    "{\"allOrNone\":false,\"records\":[{\"attributes\":{\"type\":\"Contact\"},\"id\":\"" + ids.get(0)
                            + "\",\"Referral_Code__c\":\"CAMEL\"}]}", String.class));
            Map<String, Object> headers = new HashMap<>();
            headers.put("q", "SELECT Id FROM Contact WHERE Referral_Code__c = 'CAMEL'");
            JsonNode raw = JSON.readTree(template.requestBodyAndHeaders("salesforce:raw?format=JSON&rawMethod=GET"
                    + "&rawPath=/services/data/v66.0/query&rawQueryParameters=q", null, headers, String.class));

            assertThat(first.path("totalSize").asInt()).isEqualTo(3);
            assertThat(first.path("done").asBoolean()).isFalse();
            assertThat(first.path("records").findValuesAsText("Email")).containsExactly("c0@example.com", "c1@example.com");
            assertThat(second.path("done").asBoolean()).isTrue();
            assertThat(second.path("records").findValuesAsText("Email")).containsExactly("c2@example.com");
            assertThat(names(describe)).contains("Referral_Code__c");
            assertThat(update.get(0).path("success").asBoolean()).isTrue();
            assertThat(salesforce.record("Contact", ids.get(0))).containsEntry("Referral_Code__c", "CAMEL");
            assertThat(raw.path("records").findValuesAsText("Id")).containsExactly(ids.get(0));
            assertThat(salesforce.tokenRequests()).isEqualTo(1);
        } finally {
            camel.stop();
        }
        assertThat(salesforce.revokeRequests()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void camelSalesforceLogsInAgainWhenTheSessionExpires() throws Exception {
        salesforce.createRecord("Contact", Map.of("LastName", "X", "Email", "x@example.com"));
        DefaultCamelContext camel = camel();
        try {
            ProducerTemplate template = camel.createProducerTemplate();
            String uri = "salesforce:query?rawPayload=true&sObjectQuery=SELECT Email FROM Contact";
            template.requestBody(uri, null, String.class);
            salesforce.expireSessions();

            JsonNode again = JSON.readTree(template.requestBody(uri, null, String.class));

            assertThat(again.path("records").findValuesAsText("Email")).containsExactly("x@example.com");
            assertThat(salesforce.tokenRequests()).isEqualTo(2);
        } finally {
            camel.stop();
        }
    }

    private DefaultCamelContext camel() {
        DefaultCamelContext camel = new DefaultCamelContext();
        SalesforceComponent component = new SalesforceComponent();
        component.setLoginUrl(salesforce.baseUrl());
        component.setClientId(CLIENT_ID);
        component.setClientSecret(CLIENT_SECRET);
        component.setUserName(USERNAME);
        component.setPassword(PASSWORD);
        component.setAuthenticationType(AuthenticationType.USERNAME_PASSWORD);
        camel.addComponent("salesforce", component);
        camel.start();
        return camel;
    }

    private String token() throws Exception {
        HttpResponse<String> response = tokenRequest(Map.of("grant_type", "password", "client_id", CLIENT_ID,
                "client_secret", CLIENT_SECRET, "username", USERNAME, "password", PASSWORD));
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private HttpResponse<String> tokenRequest(Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(salesforce.baseUrl() + "/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(salesforce.baseUrl() + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> patch(String path, String body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(salesforce.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<String> names(JsonNode describe) {
        List<String> names = new ArrayList<>();
        describe.path("fields").forEach(f -> names.add(f.path("name").asText()));
        return names;
    }

    private static JsonNode field(JsonNode describe, String name) {
        for (JsonNode f : describe.path("fields")) {
            if (f.path("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no field " + name);
    }
}
