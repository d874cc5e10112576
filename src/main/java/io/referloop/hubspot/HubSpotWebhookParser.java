package io.referloop.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.ingest.MalformedWebhookException;
import org.springframework.stereotype.Component;

import java.io.IOException;
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
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new MalformedWebhookException("body is not JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (root == null || !root.isArray()) {
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
        String type = text(node, "subscriptionType");
        if (type == null) {
            type = text(node, "eventType");
        }
        if (type == null || type.isBlank()) {
            throw new MalformedWebhookException("event " + index + " has no subscriptionType");
        }
        String objectId = text(node, "objectId");
        if (objectId == null || objectId.isBlank()) {
            throw new MalformedWebhookException("event " + index + " has no objectId");
        }
        JsonNode occurred = node.get("occurredAt");
        if (occurred == null || !occurred.canConvertToLong()) {
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
