package io.referloop.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** JSON and timestamp helpers for the fake Tango Card. */
final class FakeTangoJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private FakeTangoJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static String now() {
        return TIMESTAMP.format(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** Parses a request body that must be a JSON object, answering 400 when it is not. */
    static ObjectNode parseObject(String body) {
        if (body == null || body.isBlank()) {
            throw FakeTangoError.validation("Required request body is missing");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw FakeTangoError.validation("JSON parse error: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw FakeTangoError.validation("JSON parse error: the body must be a JSON object");
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
}
