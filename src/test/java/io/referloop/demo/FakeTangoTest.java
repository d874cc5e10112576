package io.referloop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class FakeTangoTest {

    private static final String PLATFORM = "ReferloopTest";
    private static final String KEY = "fake-tango-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Tango's second passes when a test says so, however long the requests take. */
    private final MovableClock clock = new MovableClock();
    private FakeTango tango;

    @BeforeEach
    void start() {
        tango = new FakeTango(PLATFORM, KEY).judgeRateLimitBy(clock).start();
    }

    @AfterEach
    void stop() {
        tango.close();
    }

    @Test
    void baseUrlIncludesRaasV2() {
        assertThat(tango.baseUrl()).startsWith("http://localhost:").endsWith("/raas/v2");
    }

    @Test
    void newExternalRefIdIs201WithACompleteOrder() throws Exception {
        HttpResponse<String> response = post(order("A12345", "reward-1", "U561593", "25.00"));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode order = JSON.readTree(response.body());
        assertThat(order.path("referenceOrderID").asText()).startsWith("RA");
        assertThat(order.path("externalRefID").asText()).isEqualTo("reward-1");
        assertThat(order.path("customerIdentifier").asText()).isEqualTo("referloop");
        assertThat(order.path("accountIdentifier").asText()).isEqualTo("A12345");
        assertThat(order.path("amountCharged").path("value").decimalValue()).isEqualByComparingTo("25");
        assertThat(order.path("amountCharged").path("currencyCode").asText()).isEqualTo("USD");
        assertThat(order.path("amountCharged").has("total")).isTrue();
        assertThat(order.path("denomination").path("value").decimalValue()).isEqualByComparingTo("25");
        assertThat(order.path("denomination").path("currencyCode").asText()).isEqualTo("USD");
        assertThat(order.path("utid").asText()).isEqualTo("U561593");
        assertThat(order.path("recipient").path("email").asText()).isEqualTo("ada@example.com");
        assertThat(order.path("sendEmail").asBoolean()).isTrue();
        assertThat(order.path("status").asText()).isEqualTo("COMPLETE");
        assertThat(order.path("createdAt").asText()).endsWith("Z");
        JsonNode credential = order.path("reward").path("credentialList").get(0);
        assertThat(credential.path("type").asText()).isNotBlank();
        assertThat(credential.path("label").asText()).isNotBlank();
        assertThat(credential.path("value").asText()).isNotBlank();
        assertThat(credential.path("credentialType").asText()).isNotBlank();
        assertThat(tango.orderedExternalIds()).containsExactly("reward-1");
    }

    @Test
    void existingExternalRefIdIs200WithTheOriginalOrderEvenIfTheItemDiffers() throws Exception {
        JsonNode first = JSON.readTree(post(order("A12345", "reward-1", "U561593", "25.00")).body());
        oneSecondPasses();

        HttpResponse<String> again = post(order("A12345", "reward-1", "U999999", "50.00"));

        assertThat(again.statusCode()).isEqualTo(200);
        JsonNode original = JSON.readTree(again.body());
        assertThat(original.path("referenceOrderID").asText()).isEqualTo(first.path("referenceOrderID").asText());
        assertThat(original.path("utid").asText()).isEqualTo("U561593");
        assertThat(original.path("amountCharged").path("value").decimalValue()).isEqualByComparingTo("25");
        assertThat(tango.orderCount()).isEqualTo(1);
    }

    @Test
    void externalRefIdIsUniquePerAccount() throws Exception {
        post(order("A12345", "reward-1", "U561593", "25.00"));
        oneSecondPasses();

        HttpResponse<String> otherAccount = post(order("A67890", "reward-1", "U561593", "25.00"));

        assertThat(otherAccount.statusCode()).isEqualTo(201);
        assertThat(tango.orderedExternalIds()).containsExactly("reward-1", "reward-1");
    }

    @Test
    void wrongBasicCredentialsAre401InTangoErrorShape() throws Exception {
        HttpResponse<String> response = post(order("A12345", "reward-1", "U561593", "25.00"), PLATFORM, "wrong");

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("httpCode").asInt()).isEqualTo(401);
        assertThat(body.path("httpPhrase").asText()).isEqualTo("Unauthorized");
        assertThat(tango.orderCount()).isZero();
    }

    @Test
    void missingRequiredFieldsAre400ListingEachField() throws Exception {
        HttpResponse<String> response = post("""
                {"customerIdentifier":"abc","amount":0,"sendEmail":true,"recipient":{"firstName":"Ada"}}""");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("httpCode").asInt()).isEqualTo(400);
        assertThat(body.path("i18nKey").asText()).isNotBlank();
        assertThat(body.path("errors").findValuesAsText("path"))
                .contains("customerIdentifier", "accountIdentifier", "utid", "amount", "recipient.email");
        assertThat(tango.orderCount()).isZero();
    }

    @Test
    void aSecondRequestWithinOneSecondIs429InTangoErrorShape() throws Exception {
        post(order("A12345", "reward-1", "U561593", "25.00"));

        HttpResponse<String> tooSoon = post(order("A12345", "reward-2", "U561593", "25.00"));

        assertThat(tooSoon.statusCode()).isEqualTo(429);
        JsonNode body = JSON.readTree(tooSoon.body());
        assertThat(body.path("timestamp").asText()).isNotBlank();
        assertThat(body.path("requestId").asText()).isNotBlank();
        assertThat(body.path("path").asText()).isEqualTo("/raas/v2/orders");
        assertThat(body.path("httpCode").asInt()).isEqualTo(429);
        assertThat(body.path("httpPhrase").asText()).isEqualTo("Too Many Requests");
        assertThat(body.path("i18nKey").asText()).isNotBlank();
        assertThat(body.path("message").asText()).isNotBlank();
        assertThat(body.path("errors").isArray()).isTrue();
        assertThat(tango.rateLimitedCount()).isEqualTo(1);
        assertThat(tango.orderedExternalIds()).containsExactly("reward-1");
    }

    @Test
    void aRequestJustUnderOneSecondLaterIs429() throws Exception {
        post(order("A12345", "reward-1", "U561593", "25.00"));
        clock.advance(Duration.ofMillis(999));

        assertThat(post(order("A12345", "reward-2", "U561593", "25.00")).statusCode()).isEqualTo(429);
        assertThat(tango.rateLimitedCount()).isEqualTo(1);
    }

    @Test
    void aRequestOneSecondLaterIsAccepted() throws Exception {
        post(order("A12345", "reward-1", "U561593", "25.00"));
        oneSecondPasses();

        assertThat(post(order("A12345", "reward-2", "U561593", "25.00")).statusCode()).isEqualTo(201);
        assertThat(tango.rateLimitedCount()).isZero();
    }

    @Test
    void getOrderByReferenceOrderId() throws Exception {
        String id = JSON.readTree(post(order("A12345", "reward-1", "U561593", "25.00")).body())
                .path("referenceOrderID").asText();
        oneSecondPasses();

        HttpResponse<String> found = http.send(request("/orders/" + id, PLATFORM, KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(found.body()).path("externalRefID").asText()).isEqualTo("reward-1");
    }

    @Test
    void resetAfterRecordingDropsTheAnswerButKeepsTheOrder() {
        tango.resetConnectionAfterRecordingNext(1);

        assertThatThrownBy(() -> post(order("A12345", "reward-1", "U561593", "25.00"))).isInstanceOf(IOException.class);

        assertThat(tango.orderedExternalIds()).containsExactly("reward-1");
    }

    @Test
    void delayedAnswerComesLateButTheOrderIsRecordedAtOnceAndARetryFindsIt() throws Exception {
        // far longer than the test: the answer cannot come before the checks, however slow the machine
        tango.delayNext(1, 60_000);

        CompletableFuture<HttpResponse<String>> late = http.sendAsync(request("/orders", PLATFORM, KEY)
                .POST(HttpRequest.BodyPublishers.ofString(order("A12345", "reward-1", "U561593", "25.00"))).build(),
                HttpResponse.BodyHandlers.ofString());

        await().atMost(Duration.ofSeconds(30)).until(() -> tango.orderCount() == 1);
        assertThat(tango.orderedExternalIds()).containsExactly("reward-1");
        oneSecondPasses();
        assertThat(post(order("A12345", "reward-1", "U561593", "25.00")).statusCode()).isEqualTo(200);
        assertThat(late).isNotDone();
    }

    @Test
    void failNextRequestsAnswersTheStatusWithoutEffect() throws Exception {
        tango.failNextRequests(1, 500);

        HttpResponse<String> response = post(order("A12345", "reward-1", "U561593", "25.00"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(response.body()).path("httpCode").asInt()).isEqualTo(500);
        assertThat(tango.orderCount()).isZero();
        assertThat(tango.requestCount()).isEqualTo(1);
    }

    private void oneSecondPasses() {
        clock.advance(Duration.ofSeconds(1));
    }

    private static String order(String account, String ref, String utid, String amount) {
        return """
                {"customerIdentifier":"referloop","accountIdentifier":"%s","utid":"%s","amount":%s,
                 "recipient":{"email":"ada@example.com","firstName":"Ada","lastName":"Lovelace"},
                 "sendEmail":true,"externalRefID":"%s"}""".formatted(account, utid, amount, ref);
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return post(body, PLATFORM, KEY);
    }

    private HttpResponse<String> post(String body, String platform, String key)
            throws IOException, InterruptedException {
        return http.send(request("/orders", platform, key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String platform, String key) {
        String basic = Base64.getEncoder().encodeToString((platform + ":" + key).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(tango.baseUrl() + path))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json");
    }
}
