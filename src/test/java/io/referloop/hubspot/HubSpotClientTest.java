package io.referloop.hubspot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.referloop.demo.FakeHubSpot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HubSpot client against the fake HubSpot: retries, 429 waits, the circuit breaker, batch limits. */
class HubSpotClientTest {

    private static final String TOKEN = "pat-client-test";

    private final FakeHubSpot hubspot = new FakeHubSpot(TOKEN).start();

    @AfterEach
    void stop() {
        hubspot.close();
    }

    private HubSpotClient client(int rateLimit, int maxAttempts) {
        return new HubSpotClient(new HubSpotProperties(URI.create(hubspot.baseUrl()), TOKEN, null, rateLimit,
                maxAttempts, Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(5), null, null, null), new ObjectMapper());
    }

    @Test
    void readsContactsInOneBatchCall() {
        String id = hubspot.createContact(Map.of("email", "ada@analytical.io", "firstname", "Ada"));
        List<HubSpotObject> contacts = client(1000, 4).batchRead("contacts", List.of(id, "999999"), List.of("email", "firstname"));
        assertThat(contacts).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(id);
            assertThat(c.properties()).containsEntry("email", "ada@analytical.io").containsEntry("firstname", "Ada");
        });
        assertThat(hubspot.batchReadSizes()).containsExactly(2);
    }

    @Test
    void readsAUsersEmailByUserIdAndNothingForAnUnknownUser() {
        String bob = hubspot.addUser("bob@ops.example");
        HubSpotClient client = client(1000, 4);
        assertThat(client.userEmail(bob)).hasValue("bob@ops.example");
        assertThat(client.userEmail("424242")).isEmpty();
    }

    @Test
    void aPortalThatDidNotGrantUserReadsAnswers403() {
        String bob = hubspot.addUser("bob@ops.example");
        hubspot.revokeScope("settings.users.read");
        assertThatThrownBy(() -> client(1000, 4).userEmail(bob))
                .isInstanceOfSatisfying(HubSpotApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void retriesServerErrorsUntilHubSpotAnswers() {
        String id = hubspot.createContact(Map.of("email", "x@y.io"));
        hubspot.failNextRequests(2, 502);
        assertThat(client(1000, 4).batchRead("contacts", List.of(id), List.of("email"))).hasSize(1);
        assertThat(hubspot.requestCount()).isEqualTo(3);
    }

    @Test
    void aValidationErrorIsNotRetried() {
        String id = hubspot.createContact(Map.of("email", "x@y.io"));
        HubSpotClient client = client(1000, 4);
        assertThatThrownBy(() -> client.batchUpdate("contacts", Map.of(id, Map.of("no_such_property", "1"))))
                .isInstanceOfSatisfying(HubSpotApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.category()).isEqualTo("VALIDATION_ERROR");
                    assertThat(e.isTransient()).isFalse();
                });
        assertThat(hubspot.requestCount()).isEqualTo(1);
    }

    /**
     * HubSpot's 429 names its window (10 s) in {@code X-HubSpot-RateLimit-Interval-Milliseconds}; here the fake's
     * window is 1 s, twice the first backoff, so only a retry that waits what the answer names meets no second 429.
     */
    @Test
    void aRateLimitAnswerIsWaitedOutAndTheCallRetried() {
        hubspot.setRateLimit(2, Duration.ofSeconds(1));
        String id = hubspot.createContact(Map.of("email", "x@y.io"));
        HubSpotClient client = client(1000, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(client.batchRead("contacts", List.of(id), List.of("email"))).hasSize(1);
        }
        assertThat(hubspot.rateLimitedCount()).isEqualTo(1);
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndStopsCallingHubSpot() {
        hubspot.failNextRequests(1000, 500);
        HubSpotClient client = client(1000, 1);
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> client.propertyNames("contacts")).isInstanceOf(HubSpotApiException.class);
        }
        assertThat(client.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int calls = hubspot.requestCount();
        assertThatThrownBy(() -> client.propertyNames("contacts")).isInstanceOf(CallNotPermittedException.class);
        assertThat(hubspot.requestCount()).isEqualTo(calls);
    }

    @Test
    void neverSendsABatchOfMoreThanOneHundred() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            ids.add(Integer.toString(i));
        }
        assertThatThrownBy(() -> client(1000, 1).batchRead("contacts", ids, List.of("email")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(hubspot.requestCount()).isZero();
    }

    @Test
    void createsThePropertiesOfAnObjectTypeInOneBatchCall() {
        client(1000, 1).createProperties("contacts", List.of(textProperty("referral_code"), textProperty("referral_link")));

        assertThat(hubspot.propertyCreateCalls()).containsExactly(new FakeHubSpot.PropertyCreateCall("contacts", true, 2));
        assertThat(hubspot.hasProperty("contacts", "referral_code")).isTrue();
        assertThat(hubspot.hasProperty("contacts", "referral_link")).isTrue();
    }

    @Test
    void neverSendsMoreThanOneHundredPropertiesInOneBatchCall() {
        List<ObjectNode> definitions = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            definitions.add(textProperty("referral_field_" + i));
        }

        client(1000, 1).createProperties("contacts", definitions);

        assertThat(hubspot.propertyCreateCalls()).extracting(FakeHubSpot.PropertyCreateCall::inputs).containsExactly(100, 1);
        assertThat(hubspot.hasProperty("contacts", "referral_field_100")).isTrue();
    }

    /** Another instance created it between this one's look at the portal and its batch: HubSpot answers 207. */
    @Test
    void aPropertyThatAlreadyExistsInABatchCountsAsCreated() {
        HubSpotClient client = client(1000, 1);
        client.createProperty("contacts", textProperty("referral_code"));

        client.createProperties("contacts", List.of(textProperty("referral_code"), textProperty("referral_link")));

        assertThat(hubspot.hasProperty("contacts", "referral_link")).isTrue();
    }

    @Test
    void aPropertyHubSpotRefusesInABatchFailsWithHubSpotsReasonAndTheOthersAreCreated() {
        HubSpotClient client = client(1000, 4);
        client.createProperty("contacts", textProperty("referral_code"));

        assertThatThrownBy(() -> client.createProperties("contacts",
                List.of(textProperty("referral_code"), textProperty("Referral Link"), textProperty("referral_reason"))))
                .isInstanceOfSatisfying(HubSpotApiException.class, e -> {
                    assertThat(e.category()).isEqualTo("VALIDATION_ERROR");
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).startsWith("HubSpot answered 207 VALIDATION_ERROR: some contacts properties "
                            + "were not created: Property name 'Referral Link' is invalid").doesNotContain("already exists");
                });
        assertThat(hubspot.hasProperty("contacts", "referral_reason")).isTrue();
        assertThat(hubspot.propertyCreateCalls()).filteredOn(FakeHubSpot.PropertyCreateCall::batch).hasSize(1);
    }

    @Test
    void aBatchRefusedWholeAsAConflictIsCreatedOnePropertyAtATime() {
        HubSpotClient client = client(1000, 1);
        client.createProperty("contacts", textProperty("referral_code"));
        hubspot.failNextRequests(1, 409);

        client.createProperties("contacts", List.of(textProperty("referral_code"), textProperty("referral_link")));

        assertThat(hubspot.hasProperty("contacts", "referral_link")).isTrue();
        assertThat(hubspot.propertyCreateCalls()).filteredOn(call -> !call.batch()).hasSize(3);
    }

    private static ObjectNode textProperty(String name) {
        return HubSpotPropertyCatalog.toJson(new ObjectMapper(), name, "contactinformation",
                new HubSpotPropertyCatalog.Definition("Label of " + name, "string", "text", List.of()));
    }

    @Test
    void aWrongTokenIsRefused() {
        HubSpotClient client = new HubSpotClient(new HubSpotProperties(URI.create(hubspot.baseUrl()), "wrong", null,
                1000, 1, Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(5), null, null, null), new ObjectMapper());
        assertThatThrownBy(() -> client.propertyNames("contacts"))
                .isInstanceOfSatisfying(HubSpotApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }
}
