package io.referloop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The shapes of HubSpot's JSON: its error body and its lists of names. */
final class FakeHubSpotJson {

    private FakeHubSpotJson() {
    }

    /** The error shape of every HubSpot API: status, message, correlationId, category. */
    static ObjectNode errorBody(String category, String message) {
        ObjectNode body = FakeJson.object();
        body.put("status", "error");
        body.put("message", message);
        body.put("correlationId", UUID.randomUUID().toString());
        body.put("category", category);
        return body;
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
}
