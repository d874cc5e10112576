package io.referloop.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.referloop.ingest.InboxEvent;
import io.referloop.ingest.InboxFields;
import io.referloop.ingest.MalformedWebhookException;
import io.referloop.ingest.RequestBodies;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses HubSpot's webhook body: a JSON array of notifications, type under {@code subscriptionType} or
 * {@code eventType}; and reads an event the inbox stored back the same way.
 */
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
        return event(node, type, objectId, occurred.asLong(), node.toString());
    }

    /**
     * An event the inbox stored, read back: its type and object id as the inbox holds them, the rest from its
     * payload; null when the payload is no JSON.
     */
    public HubSpotWebhookEvent stored(InboxEvent stored) {
        JsonNode node;
        try {
            node = json.readTree(stored.payload());
        } catch (IOException e) {
            return null;
        }
        JsonNode fields = node == null ? MissingNode.getInstance() : node;
        return event(fields, stored.eventType(), stored.objectId(), fields.path("occurredAt").asLong(0), stored.payload());
    }

    private static HubSpotWebhookEvent event(JsonNode node, String type, String objectId, long occurredAt, String text) {
        return new HubSpotWebhookEvent(type, text(node, "objectTypeId"), objectId, text(node, "propertyName"),
                text(node, "propertyValue"), occurredAt, text(node, "eventId"), text(node, "portalId"),
                text(node, "changeSource"), text(node, "sourceId"), text);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }
}
