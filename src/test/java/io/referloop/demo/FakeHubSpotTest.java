package io.referloop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FakeHubSpotTest {

    private static final String TOKEN = "pat-na1-test-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeHubSpot hubspot;

    @BeforeEach
    void start() {
        hubspot = new FakeHubSpot(TOKEN).start();
    }

    @AfterEach
    void stop() {
        hubspot.close();
    }

    @Test
    void aUserIsReadByIdWithTheUsersApiShape() throws Exception {
        String id = hubspot.addUser("bob@ops.example");

        HttpResponse<String> response = get("/settings/v3/users/" + id);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode user = JSON.readTree(response.body());
        assertThat(user.path("id").asText()).isEqualTo(id);
        assertThat(user.path("email").asText()).isEqualTo("bob@ops.example");
        assertThat(user.path("roleIds").isArray()).isTrue();
        assertThat(user.path("superAdmin").isBoolean()).isTrue();
    }

    @Test
    void anUnknownUserIdIs404() throws Exception {
        HttpResponse<String> response = get("/settings/v3/users/424242");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("category").asText()).isEqualTo("OBJECT_NOT_FOUND");
    }

    @Test
    void usersNeedTheSettingsUsersReadScope() throws Exception {
        String id = hubspot.addUser("bob@ops.example");
        hubspot.revokeScope("settings.users.read");

        assertThat(get("/settings/v3/users/" + id).statusCode()).isEqualTo(403);
    }

    @Test
    void missingBearerIs401() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(hubspot.baseUrl()
                + "/crm/v3/properties/contacts")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("error");
        assertThat(body.path("category").asText()).isEqualTo("INVALID_AUTHENTICATION");
        assertThat(body.path("message").asText()).startsWith("Authentication credentials not found.");
        assertThat(body.path("correlationId").asText()).hasSize(36);
        assertThat(hubspot.requestCount()).isEqualTo(1);
    }

    @Test
    void wrongBearerIs401() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(hubspot.baseUrl()
                        + "/crm/v3/properties/contacts")).header("Authorization", "Bearer not-the-token").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void batchUpdateOf101InputsIs400ValidationError() throws Exception {
        String id = hubspot.createContact(Map.of("email", "a@b.io"));
        String inputs = IntStream.range(0, 101).mapToObj(i -> "{\"id\":\"" + (i == 0 ? id : 5000 + i)
                + "\",\"properties\":{\"firstname\":\"X\"}}").collect(Collectors.joining(","));

        HttpResponse<String> response = post("/crm/v3/objects/contacts/batch/update", "{\"inputs\":[" + inputs + "]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(category(response)).isEqualTo("VALIDATION_ERROR");
        assertThat(message(response)).contains("at most 100");
        assertThat(hubspot.contact(id)).doesNotContainKey("firstname");
        assertThat(hubspot.batchUpdateSizes()).isEmpty();
    }

    @Test
    void unknownPropertyInUpdateIs400ValidationErrorAndWritesNothing() throws Exception {
        String ada = hubspot.createContact(Map.of("email", "ada@analytical.io"));
        String bob = hubspot.createContact(Map.of("email", "bob@babbage.io"));

        HttpResponse<String> response = updateContacts(input(ada, "firstname", "Ada"),
                input(bob, "firstname", "Bob", "foo", "bar"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(category(response)).isEqualTo("VALIDATION_ERROR");
        assertThat(message(response)).isEqualTo("Property values were not valid: [{\"isValid\":false,"
                + "\"message\":\"Property \\\"foo\\\" does not exist\",\"error\":\"PROPERTY_DOESNT_EXIST\","
                + "\"name\":\"foo\",\"localizedErrorMessage\":\"Property \\\"foo\\\" does not exist\"}]");
        assertThat(hubspot.contact(ada)).doesNotContainKey("firstname");
        assertThat(hubspot.contact(bob)).doesNotContainKey("firstname");
        assertThat(hubspot.batchUpdateSizes()).isEmpty();
    }

    @Test
    void enumerationValueOutsideItsOptionsIs400AndWritesNothing() throws Exception {
        String id = hubspot.createContact(Map.of("email", "a@b.io"));

        HttpResponse<String> response = updateContacts(input(id, "firstname", "A", "lifecyclestage", "champion"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(category(response)).isEqualTo("VALIDATION_ERROR");
        assertThat(message(response)).contains("INVALID_OPTION");
        assertThat(hubspot.contact(id)).doesNotContainKeys("firstname", "lifecyclestage");
    }

    @Test
    void requestsPastTheLimitGet429WithBodyAndRateLimitHeaders() throws Exception {
        hubspot.setRateLimitPer10s(3);
        for (int remaining = 2; remaining >= 0; remaining--) {
            HttpResponse<String> ok = get("/crm/v3/properties/contacts");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("X-HubSpot-RateLimit-Remaining")).hasValue(Integer.toString(remaining));
        }

        HttpResponse<String> limited = get("/crm/v3/properties/contacts");

        assertThat(limited.statusCode()).isEqualTo(429);
        JsonNode body = JSON.readTree(limited.body());
        assertThat(body.path("status").asText()).isEqualTo("error");
        assertThat(body.path("message").asText()).isEqualTo("You have reached your ten_secondly_rolling limit.");
        assertThat(body.path("errorType").asText()).isEqualTo("RATE_LIMIT");
        assertThat(body.path("policyName").asText()).isEqualTo("TEN_SECONDLY_ROLLING");
        assertThat(body.path("correlationId").asText()).isNotBlank();
        assertThat(body.path("requestId").asText()).isNotBlank();
        assertThat(limited.headers().firstValue("X-HubSpot-RateLimit-Interval-Milliseconds")).hasValue("10000");
        assertThat(limited.headers().firstValue("X-HubSpot-RateLimit-Max")).hasValue("3");
        assertThat(limited.headers().firstValue("X-HubSpot-RateLimit-Remaining")).hasValue("0");
        assertThat(limited.headers().firstValue("X-HubSpot-RateLimit-Daily")).hasValue("250000");
        assertThat(limited.headers().firstValue("X-HubSpot-RateLimit-Daily-Remaining")).hasValue("249997");
        assertThat(hubspot.rateLimitedCount()).isEqualTo(1);
        assertThat(hubspot.requestCount()).isEqualTo(4);
    }

    @Test
    void batchReadReturnsRequestedProperties() throws Exception {
        String id = hubspot.createContact(Map.of("email", "ada@analytical.io", "nps_score", "10"));

        HttpResponse<String> response = batchRead("contacts", List.of("email", "nps_score", "firstname", "no_such_property"), id);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("COMPLETE");
        JsonNode result = body.path("results").get(0);
        assertThat(result.path("id").asText()).isEqualTo(id);
        JsonNode properties = result.path("properties");
        assertThat(properties.path("email").asText()).isEqualTo("ada@analytical.io");
        assertThat(properties.path("nps_score").asText()).isEqualTo("10");
        assertThat(properties.has("firstname")).isTrue();
        assertThat(properties.path("firstname").isNull()).isTrue();
        assertThat(properties.has("no_such_property")).isFalse();
        assertThat(properties.path("hs_object_id").asText()).isEqualTo(id);
        assertThat(properties.has("createdate")).isTrue();
        assertThat(properties.has("lastmodifieddate")).isTrue();
        assertThat(result.path("archived").asBoolean(true)).isFalse();
        assertThat(hubspot.batchReadSizes()).containsExactly(1);
    }

    @Test
    void batchReadOfUnknownIdsIs207WithObjectNotFound() throws Exception {
        String id = hubspot.createContact(Map.of("email", "ada@analytical.io"));

        HttpResponse<String> response = batchRead("contacts", List.of("email"), id, "999999");

        assertThat(response.statusCode()).isEqualTo(207);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("results")).hasSize(1);
        assertThat(body.path("numErrors").asInt()).isEqualTo(1);
        JsonNode error = body.path("errors").get(0);
        assertThat(error.path("category").asText()).isEqualTo("OBJECT_NOT_FOUND");
        assertThat(error.path("message").asText()).startsWith("Could not get some CONTACT objects");
        assertThat(error.path("context").path("ids").get(0).asText()).isEqualTo("999999");
    }

    @Test
    void propertyCreateIs201Then409() throws Exception {
        String definition = "{\"name\":\"referral_code\",\"label\":\"Referral code\",\"type\":\"string\","
                + "\"fieldType\":\"text\",\"groupName\":\"contactinformation\"}";

        HttpResponse<String> created = post("/crm/v3/properties/contacts", definition);
        HttpResponse<String> again = post("/crm/v3/properties/contacts", definition);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).path("name").asText()).isEqualTo("referral_code");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(category(again)).isEqualTo("OBJECT_ALREADY_EXISTS");
        assertThat(message(again)).isEqualTo("Property named 'referral_code' already exists.");
        assertThat(hubspot.hasProperty("contacts", "referral_code")).isTrue();
    }

    @Test
    void propertyBatchCreateIs201WithTheCreatedDefinitions() throws Exception {
        HttpResponse<String> response = post("/crm/v3/properties/contacts/batch/create", "{\"inputs\":["
                + textProperty("referral_code") + "," + textProperty("referral_link") + "]}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("COMPLETE");
        assertThat(body.path("results").findValuesAsText("name")).containsExactly("referral_code", "referral_link");
        assertThat(body.has("errors")).isFalse();
        assertThat(body.path("startedAt").asText()).isNotEmpty();
        assertThat(body.path("completedAt").asText()).isNotEmpty();
        assertThat(hubspot.hasProperty("contacts", "referral_link")).isTrue();
        assertThat(hubspot.propertyCreateCalls()).containsExactly(new FakeHubSpot.PropertyCreateCall("contacts", true, 2));
    }

    @Test
    void propertyBatchCreateWithOneNameTakenIs207AndCreatesTheOthers() throws Exception {
        post("/crm/v3/properties/contacts", textProperty("referral_code"));

        HttpResponse<String> response = post("/crm/v3/properties/contacts/batch/create", "{\"inputs\":["
                + textProperty("referral_code") + "," + textProperty("referral_link") + "]}");

        assertThat(response.statusCode()).isEqualTo(207);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("results").findValuesAsText("name")).containsExactly("referral_link");
        assertThat(body.path("numErrors").asInt()).isEqualTo(1);
        JsonNode error = body.path("errors").get(0);
        assertThat(error.path("status").asText()).isEqualTo("error");
        assertThat(error.path("category").asText()).isEqualTo("OBJECT_ALREADY_EXISTS");
        assertThat(error.path("message").asText()).isEqualTo("Property named 'referral_code' already exists.");
        assertThat(error.path("context").isObject()).isTrue();
        assertThat(error.path("errors").isArray()).isTrue();
        assertThat(error.path("links").isObject()).isTrue();
        assertThat(hubspot.hasProperty("contacts", "referral_link")).isTrue();
    }

    @Test
    void propertyBatchCreateReportsAnInvalidInputAsAValidationErrorOfA207() throws Exception {
        HttpResponse<String> response = post("/crm/v3/properties/contacts/batch/create", "{\"inputs\":["
                + textProperty("Referral Code") + "," + textProperty("referral_link") + "]}");

        assertThat(response.statusCode()).isEqualTo(207);
        JsonNode error = JSON.readTree(response.body()).path("errors").get(0);
        assertThat(error.path("category").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(error.path("message").asText()).startsWith("Property name 'Referral Code' is invalid");
        assertThat(error.path("errors").get(0).path("in").asText()).isEqualTo("name");
        assertThat(hubspot.hasProperty("contacts", "referral_link")).isTrue();
    }

    @Test
    void propertyBatchCreateWithoutInputsIs400() throws Exception {
        HttpResponse<String> response = post("/crm/v3/properties/contacts/batch/create", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(category(response)).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void propertyWithoutFieldTypeIs400() throws Exception {
        HttpResponse<String> response = post("/crm/v3/properties/contacts",
                "{\"name\":\"referral_code\",\"label\":\"Referral code\",\"type\":\"string\",\"groupName\":\"contactinformation\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(category(response)).isEqualTo("VALIDATION_ERROR");
        assertThat(hubspot.hasProperty("contacts", "referral_code")).isFalse();
    }

    @Test
    void propertyGroupCreateIs201Then409() throws Exception {
        HttpResponse<String> created = post("/crm/v3/properties/contacts/groups", "{\"name\":\"referloop\",\"label\":\"Referloop\"}");
        HttpResponse<String> again = post("/crm/v3/properties/contacts/groups", "{\"name\":\"referloop\",\"label\":\"Referloop\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(category(again)).isEqualTo("OBJECT_ALREADY_EXISTS");
        assertThat(hubspot.hasPropertyGroup("contacts", "referloop")).isTrue();
        assertThat(JSON.readTree(get("/crm/v3/properties/contacts/groups").body()).findValuesAsText("name"))
                .contains("contactinformation", "referloop");
    }

    @Test
    void createdPropertyBecomesWritable() throws Exception {
        String id = hubspot.createContact(Map.of("email", "ada@analytical.io"));
        String update = "{\"inputs\":[{\"id\":\"" + id + "\",\"properties\":{\"referral_code\":\"ADA-7K2Q\"}}]}";
        assertThat(post("/crm/v3/objects/contacts/batch/update", update).statusCode()).isEqualTo(400);

        post("/crm/v3/properties/contacts", "{\"name\":\"referral_code\",\"label\":\"Referral code\","
                + "\"type\":\"string\",\"fieldType\":\"text\",\"groupName\":\"contactinformation\"}");
        HttpResponse<String> response = post("/crm/v3/objects/contacts/batch/update", update);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("results").get(0).path("properties").path("referral_code")
                .asText()).isEqualTo("ADA-7K2Q");
        assertThat(hubspot.contact(id)).containsEntry("referral_code", "ADA-7K2Q");
        assertThat(hubspot.batchUpdateSizes()).containsExactly(1);
    }

    @Test
    void batchUpdateOfUnknownIdIs207AndWritesTheOthers() throws Exception {
        String id = hubspot.createContact(Map.of("email", "ada@analytical.io"));

        HttpResponse<String> response = updateContacts(input(id, "firstname", "Ada"), input("424242", "firstname", "Nobody"));

        assertThat(response.statusCode()).isEqualTo(207);
        assertThat(JSON.readTree(response.body()).path("errors").get(0).path("category").asText())
                .isEqualTo("OBJECT_NOT_FOUND");
        assertThat(hubspot.contact(id)).containsEntry("firstname", "Ada");
        assertThat(hubspot.batchUpdateSizes()).containsExactly(2);
    }

    @Test
    void duplicateIdsInBatchUpdateAreRejected() throws Exception {
        String id = hubspot.createContact(Map.of("email", "ada@analytical.io"));

        HttpResponse<String> response = updateContacts(input(id, "firstname", "Ada"), input(id, "lastname", "Lovelace"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(category(response)).isEqualTo("VALIDATION_ERROR");
        assertThat(message(response)).isEqualTo("Duplicate IDs found in batch input: [" + id + "]");
        assertThat(hubspot.contact(id)).doesNotContainKeys("firstname", "lastname");
    }

    @Test
    void failNextRequestsAnswersThatStatusAndChangesNothing() throws Exception {
        String id = hubspot.createContact(Map.of("email", "ada@analytical.io"));
        String update = "{\"inputs\":[{\"id\":\"" + id + "\",\"properties\":{\"firstname\":\"Ada\"}}]}";
        hubspot.failNextRequests(2, 502);

        HttpResponse<String> first = post("/crm/v3/objects/contacts/batch/update", update);
        HttpResponse<String> second = post("/crm/v3/objects/contacts/batch/update", update);
        assertThat(hubspot.contact(id)).doesNotContainKey("firstname");
        HttpResponse<String> third = post("/crm/v3/objects/contacts/batch/update", update);

        assertThat(first.statusCode()).isEqualTo(502);
        assertThat(second.statusCode()).isEqualTo(502);
        assertThat(category(first)).isEqualTo("INTERNAL_ERROR");
        assertThat(message(first)).isEqualTo("internal error");
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(hubspot.contact(id)).containsEntry("firstname", "Ada");
        assertThat(hubspot.batchUpdateSizes()).containsExactly(1);
        assertThat(hubspot.requestCount()).isEqualTo(3);
    }

    @Test
    void getUnknownObjectIs404ObjectNotFound() throws Exception {
        HttpResponse<String> response = get("/crm/v3/objects/contacts/31337?properties=email");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(category(response)).isEqualTo("OBJECT_NOT_FOUND");
        assertThat(message(response)).isEqualTo("Object not found.  objectId are usually numeric.");
    }

    @Test
    void createThenGetReturnsTheObject() throws Exception {
        HttpResponse<String> created = post("/crm/v3/objects/deals", "{\"properties\":{\"dealname\":\"Big\",\"amount\":\"1200\"}}");
        String id = JSON.readTree(created.body()).path("id").asText();

        HttpResponse<String> read = get("/crm/v3/objects/0-3/" + id + "?properties=amount,dealname");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).path("properties").path("amount").asText()).isEqualTo("1200");
        assertThat(hubspot.deal(id)).containsEntry("dealname", "Big");
    }

    @Test
    void searchFiltersSortsAndPagesWithoutRateLimitHeaders() throws Exception {
        for (int score = 0; score <= 10; score++) {
            hubspot.createContact(Map.of("email", "c" + score + "@x.io", "nps_score", Integer.toString(score)));
        }
        long hourAgo = System.currentTimeMillis() - 3_600_000;
        String search = "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"nps_score\",\"operator\":\"GTE\",\"value\":\"9\"},"
                + "{\"propertyName\":\"createdate\",\"operator\":\"GT\",\"value\":\"" + hourAgo + "\"}]}],"
                + "\"sorts\":[{\"propertyName\":\"nps_score\",\"direction\":\"DESCENDING\"}],"
                + "\"properties\":[\"email\",\"nps_score\"],\"limit\":1}";

        HttpResponse<String> first = post("/crm/v3/objects/contacts/search", search);
        JsonNode page = JSON.readTree(first.body());
        String after = page.path("paging").path("next").path("after").asText();
        JsonNode second = JSON.readTree(post("/crm/v3/objects/contacts/search",
                search.replace("\"limit\":1", "\"limit\":1,\"after\":\"" + after + "\"")).body());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-HubSpot-RateLimit-Remaining")).isEmpty();
        assertThat(page.path("total").asInt()).isEqualTo(2);
        assertThat(page.path("results").get(0).path("properties").path("nps_score").asText()).isEqualTo("10");
        assertThat(second.path("results").get(0).path("properties").path("nps_score").asText()).isEqualTo("9");
        assertThat(second.has("paging")).isFalse();
    }

    @Test
    void searchPagingPastTenThousandResultsIs400() throws Exception {
        HttpResponse<String> response = post("/crm/v3/objects/contacts/search", "{\"limit\":200,\"after\":\"10000\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("category").asText()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void searchStopsAtTheResultWindowAndItsNextCursorIsRefused() throws Exception {
        hubspot.setSearchResultWindow(5);
        for (int i = 0; i < 8; i++) {
            hubspot.createContact(Map.of("email", "w" + i + "@x.io"));
        }
        String search = "{\"properties\":[\"email\"],\"limit\":2,\"after\":\"%s\"}";

        JsonNode last = JSON.readTree(post("/crm/v3/objects/contacts/search", search.formatted("4")).body());
        HttpResponse<String> past = post("/crm/v3/objects/contacts/search",
                search.formatted(last.path("paging").path("next").path("after").asText()));

        assertThat(last.path("total").asInt()).isEqualTo(8);
        assertThat(last.path("results")).hasSize(1);
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(hubspot.searches()).extracting(FakeHubSpot.Search::limit).containsExactly(2, 2);
        assertThat(hubspot.searches()).extracting(FakeHubSpot.Search::after).containsExactly("4", "5");
    }

    @Test
    void concurrentBatchUpdatesAreAllApplied() throws Exception {
        hubspot.setRateLimitPer10s(10_000);
        List<String> ids = IntStream.range(0, 80).mapToObj(i -> hubspot.createContact(Map.of("email", i + "@x.io"))).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (String id : ids) {
                statuses.add(pool.submit(() -> post("/crm/v3/objects/contacts/batch/update", "{\"inputs\":[{\"id\":\""
                        + id + "\",\"properties\":{\"firstname\":\"N" + id + "\"}}]}").statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }

        ids.forEach(id -> assertThat(hubspot.contact(id)).containsEntry("firstname", "N" + id));
        assertThat(hubspot.batchUpdateSizes()).hasSize(80);
        assertThat(hubspot.requestCount()).isEqualTo(80);
    }

    @Test
    void malformedJsonIs400() throws Exception {
        HttpResponse<String> response = post("/crm/v3/objects/contacts/batch/read", "{\"inputs\":[");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(category(response)).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void aDealsCompaniesAreReadThroughAssociationsV4WithThePrimaryOneFlagged() throws Exception {
        String deal = hubspot.createDeal(Map.of("dealname", "Licence", "dealstage", "closedwon"));
        String reseller = hubspot.createCompany(Map.of("name", "Reseller", "domain", "reseller.io"));
        String acme = hubspot.createCompany(Map.of("name", "Acme", "domain", "acme.com"));
        hubspot.associateDeal(deal, "companies", reseller);
        hubspot.associateDealWithPrimaryCompany(deal, acme);

        HttpResponse<String> response = post("/crm/v4/associations/deals/companies/batch/read",
                "{\"inputs\":[{\"id\":\"" + deal + "\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("COMPLETE");
        assertThat(body.has("startedAt") && body.has("completedAt")).isTrue();
        JsonNode result = body.path("results").path(0);
        assertThat(result.path("from").path("id").asText()).isEqualTo(deal);
        Map<String, List<Integer>> typesByCompany = new java.util.LinkedHashMap<>();
        result.path("to").forEach(to -> {
            List<Integer> types = new ArrayList<>();
            to.path("associationTypes").forEach(t -> {
                assertThat(t.path("category").asText()).isEqualTo("HUBSPOT_DEFINED");
                types.add(t.path("typeId").asInt());
            });
            typesByCompany.put(to.path("toObjectId").asText(), types);
        });
        assertThat(typesByCompany).containsExactly(Map.entry(reseller, List.of(341)), Map.entry(acme, List.of(5, 341)));
    }

    @Test
    void companiesAreReadInBatchWithTheirDomain() throws Exception {
        String acme = hubspot.createCompany(Map.of("name", "Acme", "domain", "acme.com"));

        HttpResponse<String> response = batchRead("companies", List.of("domain"), acme);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode company = JSON.readTree(response.body()).path("results").path(0);
        assertThat(company.path("id").asText()).isEqualTo(acme);
        assertThat(company.path("properties").path("domain").asText()).isEqualTo("acme.com");
    }

    @Test
    void aReadWithoutItsScopeIs403MissingScopesNamingTheScope() throws Exception {
        String acme = hubspot.createCompany(Map.of("name", "Acme", "domain", "acme.com"));
        hubspot.revokeScope("crm.objects.companies.read");

        HttpResponse<String> response = batchRead("companies", List.of("domain"), acme);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(category(response)).isEqualTo("MISSING_SCOPES");
        assertThat(JSON.readTree(response.body()).path("errors").path(0).path("context").path("requiredGranularScopes")
                .path(0).asText()).isEqualTo("crm.objects.companies.read");
        assertThat(get("/crm/v3/objects/contacts/" + hubspot.createContact(Map.of("email", "a@b.io"))).statusCode())
                .as("other objects are still readable").isEqualTo(200);
    }

    @Test
    void creatingAPropertyNeedsTheSchemaWriteScopeOfItsObjectTypeUntilItIsGrantedAgain() throws Exception {
        String property = "{\"name\":\"referral_tier\",\"label\":\"Referral tier\",\"type\":\"string\","
                + "\"fieldType\":\"text\",\"groupName\":\"contactinformation\"}";
        hubspot.revokeScope("crm.schemas.contacts.write");

        HttpResponse<String> refused = post("/crm/v3/properties/contacts", property);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(category(refused)).isEqualTo("MISSING_SCOPES");
        assertThat(hubspot.hasProperty("contacts", "referral_tier")).isFalse();
        assertThat(get("/crm/v3/properties/contacts").statusCode()).as("reading properties needs no write scope").isEqualTo(200);

        hubspot.grantScope("crm.schemas.contacts.write");

        assertThat(post("/crm/v3/properties/contacts", property).statusCode()).isEqualTo(201);
        assertThat(hubspot.hasProperty("contacts", "referral_tier")).isTrue();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(authorised(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void injectedFaultsHaveNoEffectExceptALateAnswerWhichIsAppliedWhileItsAnswerIsHeldBack() throws Exception {
        String id = hubspot.createContact(Map.of("email", "faults@b.io"));
        // far longer than the test: a late answer cannot come before the checks, however slow the machine
        hubspot.injectFaults(7L, 1.0, Duration.ofMinutes(1));
        List<String> applied = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> heldBack = new ArrayList<>();
        Set<Integer> statuses = new TreeSet<>();
        int resets = 0;
        for (int i = 0; i < 24; i++) {
            String value = "v" + i;
            CompletableFuture<HttpResponse<String>> answer = postAsync("/crm/v3/objects/contacts/batch/update",
                    "{\"inputs\":[{\"id\":\"" + id + "\",\"properties\":{\"firstname\":\"" + value + "\"}}]}");
            await().atMost(Duration.ofSeconds(30)).until(() -> answer.isDone() || firstnamesApplied(id).contains(value));
            if (!answer.isDone()) {
                heldBack.add(answer);
                applied.add(value);
                continue;
            }
            assertThat(firstnamesApplied(id)).as("a failure answered at once has no effect").doesNotContain(value);
            HttpResponse<String> response;
            try {
                response = answer.get();
            } catch (ExecutionException reset) {
                assertThat(reset).hasCauseInstanceOf(IOException.class);
                resets++;
                continue;
            }
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                assertThat(category(response)).isEmpty();
                assertThat(JSON.readTree(response.body()).path("policyName").asText()).isEqualTo("TEN_SECONDLY_ROLLING");
                assertThat(response.headers().firstValue("X-HubSpot-RateLimit-Remaining")).hasValue("0");
                assertThat(response.headers().firstValue("X-HubSpot-RateLimit-Interval-Milliseconds")).hasValue("10000");
            }
        }
        hubspot.stopFaults();

        assertThat(statuses).as("every answer that came at once is a failure").doesNotContain(200)
                .contains(429).anyMatch(s -> s >= 500);
        assertThat(resets).isPositive();
        assertThat(heldBack).as("late answers, their updates applied").isNotEmpty()
                .allSatisfy(late -> assertThat(late).as("still held back").isNotDone());
        assertThat(hubspot.injectedFaults()).containsOnlyKeys("SERVER_ERROR", "RATE_LIMITED", "CONNECTION_RESET", "SLOW");
        assertThat(firstnamesApplied(id)).containsExactlyElementsOf(applied);
        assertThat(hubspot.contact(id)).containsEntry("firstname", applied.get(applied.size() - 1));
    }

    private List<String> firstnamesApplied(String id) {
        return hubspot.appliedUpdates("contacts", id).stream().map(u -> u.get("firstname")).toList();
    }

    private CompletableFuture<HttpResponse<String>> postAsync(String path, String json) {
        return http.sendAsync(authorised(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(authorised(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A batch read of these records of that type (contacts, companies…), asking for these properties. */
    private HttpResponse<String> batchRead(String objectType, List<String> properties, String... ids)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        properties.forEach(body.putArray("properties")::add);
        ArrayNode inputs = body.putArray("inputs");
        for (String id : ids) {
            inputs.addObject().put("id", id);
        }
        return post("/crm/v3/objects/" + objectType + "/batch/read", body.toString());
    }

    /** A batch update of contacts with these inputs, as {@link #input} writes them. */
    private HttpResponse<String> updateContacts(String... inputs) throws IOException, InterruptedException {
        return post("/crm/v3/objects/contacts/batch/update", "{\"inputs\":[" + String.join(",", inputs) + "]}");
    }

    /** A batch-update input: the record's id and its properties as name, value, name, value… */
    private static String input(String id, String... properties) {
        ObjectNode input = JSON.createObjectNode().put("id", id);
        ObjectNode values = input.putObject("properties");
        for (int i = 0; i < properties.length; i += 2) {
            values.put(properties[i], properties[i + 1]);
        }
        return input.toString();
    }

    /** A text property of the contacts' built-in group. */
    private static String textProperty(String name) {
        return JSON.createObjectNode().put("name", name).put("label", name).put("type", "string")
                .put("fieldType", "text").put("groupName", "contactinformation").toString();
    }

    private HttpRequest.Builder authorised(String path) {
        return HttpRequest.newBuilder(URI.create(hubspot.baseUrl() + path)).header("Authorization", "Bearer " + TOKEN);
    }

    private static String category(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body()).path("category").asText();
    }

    private static String message(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body()).path("message").asText();
    }
}
