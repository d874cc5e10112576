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
import java.util.function.Function;

/** JSON and timestamp helpers every fake shares; what only one API does stays in its own Fake…Json class. */
final class FakeJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private FakeJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Now, to the millisecond, as the APIs keep their timestamps. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** ISO-8601 UTC with exactly three fraction digits, as HubSpot, Tango and Tremendous write timestamps. */
    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    static String timestampNow() {
        return timestamp(now());
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
     * Parses a request body that must be a JSON object; when it is not, throws what {@code refusal} makes of the
     * problem, each API wording its 400 in its own way.
     */
    static ObjectNode parseObject(String body, Function<BodyProblem, RuntimeException> refusal) {
        if (body == null || body.isBlank()) {
            throw refusal.apply(new BodyProblem(BodyProblem.Kind.EMPTY, null));
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw refusal.apply(new BodyProblem(BodyProblem.Kind.MALFORMED, e));
        }
        if (node == null || !node.isObject()) {
            throw refusal.apply(new BodyProblem(BodyProblem.Kind.NOT_AN_OBJECT, null));
        }
        return (ObjectNode) node;
    }

    /** Why a body is not a JSON object; {@code parseError} (for MALFORMED only) says what the parser found, and where. */
    record BodyProblem(Kind kind, JsonProcessingException parseError) {

        enum Kind { EMPTY, MALFORMED, NOT_AN_OBJECT }
    }
}
