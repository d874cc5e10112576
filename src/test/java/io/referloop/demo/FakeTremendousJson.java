package io.referloop.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** JSON, timestamp and canonical-form helpers for the fake Tremendous. */
final class FakeTremendousJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private FakeTremendousJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String now() {
        return TIMESTAMP.format(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** Parses a request body that must be a JSON object, answering 400 when it is not. */
    static ObjectNode parseObject(String body) {
        if (body == null || body.isBlank()) {
            throw FakeTremendousError.badRequest("The request body is empty; a JSON object is required", object());
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw FakeTremendousError.badRequest("The request body is not valid JSON: " + e.getOriginalMessage(),
                    object());
        }
        if (node == null || !node.isObject()) {
            throw FakeTremendousError.badRequest("The request body must be a JSON object", object());
        }
        return (ObjectNode) node;
    }

    /** A text field, or null when absent, null, a container or blank. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isContainerNode() || value.asText().isBlank()) {
            return null;
        }
        return value.asText();
    }

    /**
     * A canonical text form: object keys sorted, numbers compared by value (5, 5.0 and 5.00 are the same), so
     * two payloads that mean the same are equal whatever their formatting.
     */
    static String canonical(JsonNode node) {
        StringBuilder out = new StringBuilder();
        canonical(node, out);
        return out.toString();
    }

    private static void canonical(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = node.fieldNames();
            it.forEachRemaining(names::add);
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                out.append(i == 0 ? "" : ",").append(MAPPER.getNodeFactory().textNode(names.get(i))).append(':');
                canonical(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                canonical(node.get(i), out);
            }
            out.append(']');
        } else if (node.isNumber()) {
            out.append(node.decimalValue().stripTrailingZeros().toPlainString());
        } else {
            out.append(node);
        }
    }
}
