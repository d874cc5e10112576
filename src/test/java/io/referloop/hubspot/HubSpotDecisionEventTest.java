package io.referloop.hubspot;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading a change of {@code referral_reward_decision} as HubSpot delivers it (Webhooks API v3). */
class HubSpotDecisionEventTest {

    private static final HubSpotWebhookParser PARSER = new HubSpotWebhookParser(new ObjectMapper());

    @Test
    void anApproveSetByAUserInHubSpotIsAskedWithTheUsersId() {
        HubSpotDecisionEvent event = read(change("contact.propertyChange", "approve", "CRM", "userId:1234567")).orElseThrow();

        assertThat(event.kind()).isEqualTo(HubSpotDecisionEvent.Kind.ASKED);
        assertThat(event.decision()).isEqualTo(HubSpotDecisionEvent.Decision.APPROVE);
        assertThat(event.userId()).isEqualTo("1234567");
        assertThat(event.objectType()).isEqualTo("contacts");
        assertThat(event.objectId()).isEqualTo("1246965");
    }

    @Test
    void aRejectOnADealIsAskedForTheDeal() {
        HubSpotDecisionEvent event = read(change("deal.propertyChange", "reject", "CRM", "userId:42")).orElseThrow();

        assertThat(event.decision()).isEqualTo(HubSpotDecisionEvent.Decision.REJECT);
        assertThat(event.objectType()).isEqualTo("deals");
    }

    @Test
    void theGenericObjectFormIsReadByItsObjectTypeId() {
        String generic = change("object.propertyChange", "approve", "CRM", "userId:42")
                .replace("\"objectId\"", "\"objectTypeId\":\"0-3\",\"objectId\"");

        assertThat(read(generic).orElseThrow().objectType()).isEqualTo("deals");
    }

    @Test
    void theDecisionValueIsReadInAnyCaseAndOtherValuesAreNoDecision() {
        assertThat(HubSpotDecisionEvent.decision(" Approve ")).isEqualTo(HubSpotDecisionEvent.Decision.APPROVE);
        assertThat(HubSpotDecisionEvent.decision("REJECT")).isEqualTo(HubSpotDecisionEvent.Decision.REJECT);
        assertThat(HubSpotDecisionEvent.decision("yes")).isNull();
    }

    @Test
    void anUnknownValueIsRefusedWithTheValuesToUse() {
        HubSpotDecisionEvent event = read(change("contact.propertyChange", "maybe", "CRM", "userId:42")).orElseThrow();

        assertThat(event.kind()).isEqualTo(HubSpotDecisionEvent.Kind.REFUSED);
        assertThat(event.refusal()).isEqualTo("'maybe' is no decision: use approve or reject");
    }

    @Test
    void theSourceIdNamesAUserOnlyInTheUserIdForm() {
        assertThat(HubSpotDecisionEvent.userId("userId:1234567")).isEqualTo("1234567");
        assertThat(HubSpotDecisionEvent.userId("flowId:88")).isNull();
        assertThat(HubSpotDecisionEvent.userId("userId:")).isNull();
        assertThat(HubSpotDecisionEvent.userId("userId:12ab")).isNull();
        assertThat(HubSpotDecisionEvent.userId(null)).isNull();
    }

    @Test
    void aDecisionSetByAWorkflowIsRefusedAsNoUsersDecision() {
        HubSpotDecisionEvent event = read(change("contact.propertyChange", "approve", "AUTOMATION_PLATFORM", "flowId:88"))
                .orElseThrow();

        assertThat(event.kind()).isEqualTo(HubSpotDecisionEvent.Kind.REFUSED);
        assertThat(event.refusal()).contains("not set by a HubSpot user").contains("AUTOMATION_PLATFORM");
    }

    @Test
    void anEmptyValueIsReferloopClearingTheDecisionAndIsIgnored() {
        assertThat(read(change("contact.propertyChange", "", "INTEGRATION", "")).orElseThrow().kind())
                .isEqualTo(HubSpotDecisionEvent.Kind.IGNORED);
        assertThat(read(change("contact.propertyChange", "", "CRM", "userId:42")).orElseThrow().kind())
                .isEqualTo(HubSpotDecisionEvent.Kind.IGNORED);
    }

    @Test
    void aValueSetByAnIntegrationIsIgnored() {
        assertThat(read(change("contact.propertyChange", "approve", "INTEGRATION", "")).orElseThrow().kind())
                .isEqualTo(HubSpotDecisionEvent.Kind.IGNORED);
        assertThat(read(change("deal.propertyChange", "approve", "API", "")).orElseThrow().kind())
                .isEqualTo(HubSpotDecisionEvent.Kind.IGNORED);
    }

    @Test
    void otherPropertiesAndEventsAreNoDecision() {
        assertThat(read(change("contact.propertyChange", "approve", "CRM", "userId:42")
                .replace("referral_reward_decision", "nps_score"))).isEmpty();
        assertThat(read(change("contact.creation", "approve", "CRM", "userId:42"))).isEmpty();
        assertThat(HubSpotDecisionEvent.of(parsed(change("deal.propertyChange", "approve", "CRM", "userId:42")),
                "referral_reward_decision", null)).as("deals not mapped").isEmpty();
    }

    private static Optional<HubSpotDecisionEvent> read(String event) {
        return HubSpotDecisionEvent.of(parsed(event), "referral_reward_decision", "referral_reward_decision");
    }

    private static String change(String type, String value, String source, String sourceId) {
        return "{\"objectId\":1246965,\"propertyName\":\"referral_reward_decision\",\"propertyValue\":\"" + value + "\","
                + "\"changeSource\":\"" + source + "\",\"sourceId\":\"" + sourceId + "\",\"eventId\":3816279340,"
                + "\"subscriptionId\":25,\"portalId\":33,\"appId\":1160452,\"occurredAt\":1462216307945,"
                + "\"subscriptionType\":\"" + type + "\",\"attemptNumber\":0}";
    }

    private static HubSpotWebhookEvent parsed(String event) {
        return PARSER.parse(("[" + event + "]").getBytes(StandardCharsets.UTF_8)).get(0);
    }
}
