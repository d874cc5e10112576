package io.referloop.hubspot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.ingest.InboxEvent;
import io.referloop.ingest.MalformedWebhookException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HubSpotWebhookParserTest {

    private static final String EVENT = "{\"eventId\":1,\"portalId\":62515,\"occurredAt\":1700000000000,"
            + "\"subscriptionType\":\"contact.creation\",\"objectId\":123}";

    private final HubSpotWebhookParser parser = new HubSpotWebhookParser(new ObjectMapper());

    @Test
    void aBatchInUtf16IsMalformedThoughJacksonCouldGuessIt() {
        assertThatThrownBy(() -> parser.parse(("[" + EVENT + "]").getBytes(StandardCharsets.UTF_16BE)))
                .isInstanceOf(MalformedWebhookException.class);
    }

    @Test
    void bytesAfterTheBatchAreMalformed() {
        assertThatThrownBy(() -> parse("[" + EVENT + "]{}")).isInstanceOf(MalformedWebhookException.class);
    }

    @Test
    void aSubscriptionTypeThatIsNotTextIsMalformed() {
        assertThatThrownBy(() -> parse("[" + EVENT.replace("\"contact.creation\"", "42") + "]"))
                .isInstanceOf(MalformedWebhookException.class).hasMessageContaining("subscriptionType");
    }

    @Test
    void anObjectIdThatIsNeitherANumberNorTextIsMalformed() {
        assertThatThrownBy(() -> parse("[" + EVENT.replace("\"objectId\":123", "\"objectId\":true") + "]"))
                .isInstanceOf(MalformedWebhookException.class).hasMessageContaining("objectId");
    }

    @Test
    void aSubscriptionTypeTooLongForTheInboxIsMalformed() {
        assertThatThrownBy(() -> parse("[" + EVENT.replace("contact.creation", "x".repeat(101)) + "]"))
                .isInstanceOf(MalformedWebhookException.class).hasMessageContaining("longer than 100");
    }

    @Test
    void anObjectIdWithANulCharacterIsMalformed() {
        assertThatThrownBy(() -> parse("[" + EVENT.replace("\"objectId\":123", "\"objectId\":\"12\\u00003\"") + "]"))
                .isInstanceOf(MalformedWebhookException.class).hasMessageContaining("control characters");
    }

    @Test
    void aKeyTooLongForTheInboxIsShortenedToTheSameDigestEachTime() {
        String longProperty = EVENT.replace("}", ",\"propertyName\":\"" + "p".repeat(400) + "\"}");
        String first = parse("[" + longProperty + "]").get(0).inboxKey();
        String again = parse("[" + longProperty + "]").get(0).inboxKey();
        String other = parse("[" + longProperty.replace("\"objectId\":123", "\"objectId\":124") + "]").get(0).inboxKey();
        assertThat(first).hasSize(255).startsWith("62515:1:contact.creation:123:").isEqualTo(again).isNotEqualTo(other);
    }

    @Test
    void aStoredEventReadsBackWithTheInboxsTypeAndObjectIdAndWhoMadeTheChange() {
        String change = "{\"subscriptionType\":\"object.propertyChange\",\"objectTypeId\":\"0-1\",\"objectId\":123,"
                + "\"propertyName\":\"referral_reward_decision\",\"propertyValue\":\"approve\",\"changeSource\":\"CRM\","
                + "\"sourceId\":\"userId:42\",\"occurredAt\":1700000000000}";

        HubSpotWebhookEvent read = parser.stored(stored("object.propertyChange", change));

        assertThat(read).isEqualTo(new HubSpotWebhookEvent("object.propertyChange", "0-1", "123",
                "referral_reward_decision", "approve", 1700000000000L, null, null, "CRM", "userId:42", change));
    }

    @Test
    void aStoredPayloadThatIsNoJsonReadsAsNothing() {
        assertThat(parser.stored(stored("contact.creation", "{not json"))).isNull();
    }

    private static InboxEvent stored(String type, String payload) {
        return new InboxEvent(7, "hubspot", "k-7", type, "123", payload, Instant.EPOCH, 1);
    }

    private java.util.List<HubSpotWebhookEvent> parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
