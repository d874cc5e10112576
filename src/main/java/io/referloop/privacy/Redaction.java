package io.referloop.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes one person out of stored text: their email, in any case, becomes the pseudonym wherever it occurs; a value
 * that is exactly one of their names becomes {@link #NAME}. Names are replaced only as whole values, since a short
 * name inside other text ("Al" in "Alpha") is not theirs.
 */
record Redaction(String email, Set<String> names, String pseudonym) {

    static final String NAME = "[erased]";

    String text(String value) {
        if (value == null) {
            return null;
        }
        if (names.stream().anyMatch(n -> n.equalsIgnoreCase(value.strip()))) {
            return NAME;
        }
        return Pattern.compile(Pattern.quote(email), Pattern.CASE_INSENSITIVE).matcher(value)
                .replaceAll(Matcher.quoteReplacement(pseudonym));
    }

    /** Every text value of a JSON tree, at any depth; keys are the connector's own and stay. */
    JsonNode json(JsonNode node) {
        if (node instanceof TextNode text) {
            return TextNode.valueOf(text(text.textValue()));
        }
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                field.setValue(json(field.getValue()));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, json(array.get(i)));
            }
        }
        return node;
    }
}
