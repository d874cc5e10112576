package io.referloop.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.ingest.InboxFields;
import io.referloop.ingest.MalformedWebhookException;
import io.referloop.ingest.RequestBodies;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/** Parses HubSpot's webhook body: a JSON array of notifications, type under {@code subscriptionType} or {@code eventType}. */
@Component
public class HubSpotWebhookParser {

    private final ObjectMapper json;

    public HubSpotWebhookParser(ObjectMapper json) {
        this.json = json;
    }

    public List<HubSpotWebhookEvent> parse(byte[] body) {
        JsonNode root = RequestBodies.json(json, RequestBodies.utf8(body));
        if (!root.isArray()) {
            throw new MalformedWebhookException("body must be a JSON array of events");
        }
        List<HubSpotWebhookEvent> events = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            events.add(event(root.get(i), i));
        }
        return events;
    }

    private HubSpotWebhookEvent event(JsonNode node, int index) {
        if (!node.isObject()) {
            throw new MalformedWebhookException("event " + index + " is not an object");
        }
        JsonNode typeNode = node.hasNonNull("subscriptionType") ? node.get("subscriptionType") : node.get("eventType");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new MalformedWebhookException("event " + index + " has no subscriptionType");
        }
        String type = InboxFields.eventType(typeNode.asText(), "event " + index + " subscriptionType");
        // HubSpot sends ids as JSON numbers; a string of one is taken too, anything else is not an id.
        JsonNode objectNode = node.get("objectId");
        if (objectNode == null || !(objectNode.isIntegralNumber() || objectNode.isTextual())) {
            throw new MalformedWebhookException("event " + index + " has no objectId");
        }
        String objectId = InboxFields.objectId(objectNode.asText(), "event " + index + " objectId");
        JsonNode occurred = node.get("occurredAt");
        if (occurred == null || !occurred.isIntegralNumber() || !occurred.canConvertToLong()) {
            throw new MalformedWebhookException("event " + index + " has no numeric occurredAt");
        }
        return new HubSpotWebhookEvent(type, text(node, "objectTypeId"), objectId, text(node, "propertyName"),
                text(node, "propertyValue"), occurred.asLong(), text(node, "eventId"), text(node, "portalId"),
                node.toString());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }
}
