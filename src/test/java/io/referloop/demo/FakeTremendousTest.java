package io.referloop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class FakeTremendousTest {

    private static final String KEY = "TEST_fake-tremendous-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FakeTremendous tremendous;

    @BeforeEach
    void start() {
        tremendous = new FakeTremendous(KEY).start();
    }

    @AfterEach
    void stop() {
        tremendous.close();
    }

    @Test
    void baseUrlIncludesApiV2() {
        assertThat(tremendous.baseUrl()).startsWith("http://localhost:").endsWith("/api/v2");
    }

    @Test
    void newExternalIdIs200WithAnExecutedOrder() throws Exception {
        HttpResponse<String> response = post(order("reward-1", "25.00"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/json"));
        JsonNode order = JSON.readTree(response.body()).path("order");
        assertThat(order.path("id").asText()).startsWith("ORD");
        assertThat(order.path("external_id").asText()).isEqualTo("reward-1");
        assertThat(order.path("status").asText()).isEqualTo("EXECUTED");
        assertThat(order.path("created_at").asText()).endsWith("Z");
        assertThat(order.path("payment").path("total").decimalValue()).isEqualByComparingTo("25");
        assertThat(order.path("payment").has("subtotal")).isTrue();
        assertThat(order.path("payment").has("fees")).isTrue();
        JsonNode reward = order.path("rewards").get(0);
        assertThat(reward.path("id").asText()).isNotBlank();
        assertThat(reward.path("order_id").asText()).isEqualTo(order.path("id").asText());
        assertThat(reward.path("value").path("denomination").decimalValue()).isEqualByComparingTo("25");
        assertThat(reward.path("value").path("currency_code").asText()).isEqualTo("USD");
        assertThat(reward.path("recipient").path("email").asText()).isEqualTo("ada@example.com");
        assertThat(reward.path("recipient").path("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(reward.path("delivery").path("method").asText()).isEqualTo("EMAIL");
        assertThat(reward.path("delivery").path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(tremendous.orderedExternalIds()).containsExactly("reward-1");
        assertThat(tremendous.orderCount()).isEqualTo(1);
    }

    @Test
    void sameExternalIdAndSamePayloadIs201WithTheExistingOrder() throws Exception {
        String first = JSON.readTree(post(order("reward-1", "25.00")).body()).path("order").path("id").asText();

        HttpResponse<String> again = post(order("reward-1", "25"));

        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(again.body()).path("order").path("id").asText()).isEqualTo(first);
        assertThat(tremendous.orderCount()).isEqualTo(1);
        assertThat(tremendous.orderedExternalIds()).containsExactly("reward-1");
    }

    @Test
    void theOrdersToSomeRecipientsAreCountedApartFromTheOthers() throws Exception {
        post(order("reward-1", "25.00"));
        post(order("reward-1", "25.00"));
        post(order("reward-2", "25.00").replace("ada@example.com", "bob@example.com"));

        assertThat(tremendous.orderCountTo("ADA@example.com")).isEqualTo(1);
        assertThat(tremendous.orderCountTo("ada@example.com", "bob@example.com")).isEqualTo(2);
        assertThat(tremendous.orderCountTo("eve@example.com")).isZero();
    }

    @Test
    void sameExternalIdWithDifferentPayloadIs409WithErrorsMessageAndPayload() throws Exception {
        post(order("reward-1", "25.00"));

        HttpResponse<String> conflict = post(order("reward-1", "50.00"));

        assertThat(conflict.statusCode()).isEqualTo(409);
        JsonNode errors = JSON.readTree(conflict.body()).path("errors");
        assertThat(errors.path("message").asText()).contains("reward-1");
        assertThat(errors.path("payload").path("external_id").asText()).isEqualTo("reward-1");
        assertThat(tremendous.orderCount()).isEqualTo(1);
    }

    @Test
    void missingBearerIs401WithErrorsMessage() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tremendous.baseUrl() + "/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(order("reward-1", "25.00"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("errors").path("message").asText()).isNotBlank();
        assertThat(tremendous.orderCount()).isZero();
        assertThat(tremendous.requestCount()).isEqualTo(1);
    }

    @Test
    void wrongBearerIs401() throws Exception {
        HttpResponse<String> response = post(order("reward-1", "25.00"), "TEST_not-the-key");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(tremendous.orderCount()).isZero();
    }

    @Test
    void invalidOrderIs400WithPayloadMirroringTheOffendingFields() throws Exception {
        String body = """
                {"external_id":"reward-1","payment":{},
                 "reward":{"value":{"denomination":0,"currency_code":"usd"},"recipient":{"name":"Ada"},
                           "delivery":{"method":"EMAIL"}}}""";

        HttpResponse<String> response = post(body);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode errors = JSON.readTree(response.body()).path("errors");
        assertThat(errors.path("message").asText()).isNotBlank();
        JsonNode payload = errors.path("payload");
        assertThat(payload.path("payment").has("funding_source_id")).isTrue();
        assertThat(payload.path("reward").path("value").has("denomination")).isTrue();
        assertThat(payload.path("reward").path("value").has("currency_code")).isTrue();
        assertThat(payload.path("reward").path("recipient").has("email")).isTrue();
        assertThat(payload.path("reward").has("products")).isTrue();
        assertThat(payload.has("external_id")).isFalse();
        assertThat(tremendous.orderCount()).isZero();
    }

    @Test
    void missingExternalIdIs400() throws Exception {
        HttpResponse<String> response = post(order("reward-1", "25.00").replace("\"external_id\":\"reward-1\",", ""));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("errors").path("payload").has("external_id")).isTrue();
    }

    @Test
    void campaignIdInsteadOfProductsIsAccepted() throws Exception {
        HttpResponse<String> response = post(order("reward-1", "25.00")
                .replace("\"products\":[\"OKMHM2X2OHYV\"]", "\"campaign_id\":\"CAMPAIGN1\""));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("order").path("campaign_id").asText()).isEqualTo("CAMPAIGN1");
    }

    @Test
    void getOrderByIdAnswersTheOrderAndUnknownIdIs404() throws Exception {
        String id = JSON.readTree(post(order("reward-1", "25.00")).body()).path("order").path("id").asText();

        HttpResponse<String> found = get("/orders/" + id);
        HttpResponse<String> missing = get("/orders/ORDNOSUCHORDER");

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(found.body()).path("order").path("external_id").asText()).isEqualTo("reward-1");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).path("errors").path("message").asText()).isNotBlank();
    }

    @Test
    void resetAfterRecordingDropsTheAnswerButKeepsTheOrder() {
        tremendous.resetConnectionAfterRecordingNext(1);

        assertThatThrownBy(() -> post(order("reward-1", "25.00"))).isInstanceOf(IOException.class);

        assertThat(tremendous.orderedExternalIds()).containsExactly("reward-1");
        assertThat(tremendous.requestCount()).isEqualTo(1);
    }

    @Test
    void delayedAnswerComesLateButTheOrderIsRecordedAtOnceAndARetryFindsIt() throws Exception {
        // far longer than the test: the answer cannot come before the checks, however slow the machine
        tremendous.delayNext(1, 60_000);

        CompletableFuture<HttpResponse<String>> late = http.sendAsync(request("/orders", KEY)
                .POST(HttpRequest.BodyPublishers.ofString(order("reward-1", "25.00"))).build(),
                HttpResponse.BodyHandlers.ofString());

        await().atMost(Duration.ofSeconds(30)).until(() -> tremendous.orderCount() == 1);
        assertThat(tremendous.orderedExternalIds()).containsExactly("reward-1");
        assertThat(post(order("reward-1", "25.00")).statusCode()).isEqualTo(201);
        assertThat(late).isNotDone();
    }

    @Test
    void failNextRequestsAnswersTheStatusWithoutEffect() throws Exception {
        tremendous.failNextRequests(2, 503);

        HttpResponse<String> first = post(order("reward-1", "25.00"));
        HttpResponse<String> second = post(order("reward-1", "25.00"));
        HttpResponse<String> third = post(order("reward-1", "25.00"));

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(first.body()).path("errors").path("message").asText()).isNotBlank();
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(tremendous.orderCount()).isEqualTo(1);
        assertThat(tremendous.requestCount()).isEqualTo(3);
    }

    private static String order(String externalId, String amount) {
        return """
                {"external_id":"%s","payment":{"funding_source_id":"balance"},
                 "reward":{"products":["OKMHM2X2OHYV"],"value":{"denomination":%s,"currency_code":"USD"},
                           "recipient":{"name":"Ada Lovelace","email":"ada@example.com"},
                           "delivery":{"method":"EMAIL"}}}""".formatted(externalId, amount);
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return post(body, KEY);
    }

    private HttpResponse<String> post(String body, String key) throws IOException, InterruptedException {
        return http.send(request("/orders", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path, KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String key) {
        return HttpRequest.newBuilder(URI.create(tremendous.baseUrl() + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json");
    }
}
