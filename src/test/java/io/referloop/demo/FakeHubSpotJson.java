package io.referloop.demo;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** JSON and timestamp helpers shared by the fake HubSpot classes. */
final class FakeHubSpotJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private FakeHubSpotJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** HubSpot's timestamp form: ISO-8601 UTC with exactly three fraction digits. */
    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /** The error shape of every HubSpot API: status, message, correlationId, category. */
    static ObjectNode errorBody(String category, String message) {
        ObjectNode body = object();
        body.put("status", "error");
        body.put("message", message);
        body.put("correlationId", UUID.randomUUID().toString());
        body.put("category", category);
        return body;
    }

    /** Parses a request body that must be a JSON object, answering 400 like HubSpot when it is not. */
    static ObjectNode parseObject(String body) {
        if (body == null || body.isBlank()) {
            throw FakeHubSpotError.validation("Invalid input JSON: No content to map due to end-of-input");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " on line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw FakeHubSpotError.validation("Invalid input JSON" + where + ": " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw FakeHubSpotError.validation("Invalid input JSON: expected a JSON object");
        }
        return (ObjectNode) node;
    }

    /** Text values of a JSON array, or of a comma-separated string. */
    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(item -> out.add(item.asText()));
        } else {
            splitInto(node.asText(), out);
        }
        return out;
    }

    static void splitInto(String commaSeparated, List<String> out) {
        for (String part : commaSeparated.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
    }

    /** A required text field, or null when absent, null or blank. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode() || value.asText().isBlank()) {
            return null;
        }
        return value.asText();
    }
}
