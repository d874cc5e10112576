package io.referloop.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.referloop.demo.FakeSalesforceSchema.Field;
import io.referloop.demo.FakeSalesforceSchema.FieldType;
import io.referloop.demo.FakeSalesforceSchema.SObjectType;
import io.referloop.demo.FakeSalesforceStore.Record;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * sObject Collections update ({@code PATCH /composite/sobjects}): at most 200 records, per-record results in request
 * order, {@code allOrNone} rollback. The router locks.
 */
final class FakeSalesforceCollections {

    static final int MAX_RECORDS = 200;
    private static final String ROLLED_BACK =
            "Record rolled back because not all records were valid and the request was using AllOrNone header";

    private final FakeSalesforceSchema schema;
    private final FakeSalesforceStore store;
    final List<Integer> sizes = new ArrayList<>();

    /** One record's outcome: the record and values to write, or an error {statusCode, message, fields}. */
    private record Outcome(Record record, Map<Field, Object> values, ObjectNode error) {
    }

    FakeSalesforceCollections(FakeSalesforceSchema schema, FakeSalesforceStore store) {
        this.schema = schema;
        this.store = store;
    }

    FakeReply update(String body) {
        JsonNode request = parse(body);
        JsonNode records = request.get("records");
        if (records == null || !records.isArray()) {
            throw parserError("records: a JSON array of sObjects is required");
        }
        JsonNode allOrNoneNode = request.get("allOrNone");
        if (allOrNoneNode != null && !allOrNoneNode.isBoolean() && !allOrNoneNode.isNull()) {
            throw parserError("Cannot deserialize value of type `boolean` from " + allOrNoneNode.getNodeType()
                    + " at [allOrNone]");
        }
        boolean allOrNone = allOrNoneNode != null && allOrNoneNode.asBoolean(false);
        if (records.size() > MAX_RECORDS) {
            throw FakeSalesforceError.badRequest("EXCEEDED_ID_LIMIT",
                    "record limit reached. cannot submit more than " + MAX_RECORDS + " records into this call");
        }
        List<SObjectType> types = new ArrayList<>();
        for (JsonNode record : records) {
            types.add(typeOf(record));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            outcomes.add(check(types.get(i), (ObjectNode) records.get(i)));
        }
        boolean anyFailed = outcomes.stream().anyMatch(o -> o.error != null);
        ArrayNode results = FakeJson.array();
        for (Outcome outcome : outcomes) {
            ObjectNode result = results.addObject();
            if (outcome.error != null) {
                result.put("success", false);
                result.putArray("errors").add(outcome.error);
            } else if (allOrNone && anyFailed) {
                result.put("id", outcome.record.id);
                result.put("success", false);
                result.putArray("errors").add(error("ALL_OR_NONE_OPERATION_ROLLED_BACK", ROLLED_BACK, List.of()));
            } else {
                store.update(outcome.record, outcome.values);
                result.put("id", outcome.record.id);
                result.put("success", true);
                result.putArray("errors");
            }
        }
        sizes.add(records.size());
        return FakeReply.ok(results);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw parserError("No content to map due to end-of-input");
        }
        JsonNode node;
        try {
            node = FakeJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at [line:" + e.getLocation().getLineNr() + ", column:"
                    + e.getLocation().getColumnNr() + "]";
            throw parserError(e.getOriginalMessage() + where);
        }
        if (node == null || !node.isObject()) {
            throw parserError("Cannot deserialize instance of the request from a non-object value");
        }
        return node;
    }

    private SObjectType typeOf(JsonNode record) {
        if (!record.isObject()) {
            throw parserError("Cannot deserialize an sObject from " + record.getNodeType());
        }
        String name = record.path("attributes").path("type").asText("");
        if (name.isBlank()) {
            throw parserError("No type specified for sObject: each record needs attributes.type");
        }
        SObjectType type = schema.type(name);
        if (type == null) {
            throw FakeSalesforceError.badRequest("INVALID_TYPE", "sObject type '" + name + "' is not supported.");
        }
        return type;
    }

    private Outcome check(SObjectType type, ObjectNode json) {
        String id = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equalsIgnoreCase("id") && !entry.getValue().isNull()) {
                id = entry.getValue().asText();
            }
        }
        if (id == null || id.isBlank()) {
            return failed("MISSING_ARGUMENT", "Id not specified in an update call", List.of());
        }
        if (!FakeSalesforceJson.isId(id) || !id.startsWith(type.keyPrefix)) {
            return failed("MALFORMED_ID", type.label + " ID: id value of incorrect type: " + id, List.of("Id"));
        }
        Record record = store.find(type, id);
        if (record == null) {
            return failed("ENTITY_IS_DELETED", "entity is deleted", List.of());
        }
        Map<Field, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            if (name.equals("attributes") || name.equalsIgnoreCase("id")) {
                continue;
            }
            Field field = type.field(name);
            if (field == null) {
                return failed("INVALID_FIELD", "No such column '" + name + "' on sobject of type " + type.name,
                        List.of(name));
            }
            if (!field.updateable()) {
                return failed("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: " + field.name()
                        + ". Please check the security settings of this field and verify that it is read/write for "
                        + "your profile or permission set.", List.of(field.name()));
            }
            JsonNode value = entry.getValue();
            if (value.isContainerNode()) {
                return failed("INVALID_TYPE_ON_FIELD_IN_RECORD", field.label() + ": value not of required type: "
                        + value, List.of(field.name()));
            }
            Object coerced;
            try {
                coerced = field.coerce(value.isNull() ? null : value.isNumber() ? value.numberValue()
                        : value.isBoolean() ? (Object) value.booleanValue() : value.asText());
            } catch (IllegalArgumentException e) {
                String code = field.type() == FieldType.REFERENCE ? "MALFORMED_ID" : "INVALID_TYPE_ON_FIELD_IN_RECORD";
                String message = field.type() == FieldType.REFERENCE
                        ? field.label() + ": id value of incorrect type: " + value.asText() : e.getMessage();
                return failed(code, message, List.of(field.name()));
            }
            if (coerced == null && !field.nillable()) {
                return failed("REQUIRED_FIELD_MISSING", "Required fields are missing: [" + field.name() + "]",
                        List.of(field.name()));
            }
            if (!field.validText(coerced)) {
                return failed("INVALID_EMAIL_ADDRESS", field.label() + ": invalid email address: " + coerced,
                        List.of(field.name()));
            }
            if (field.type() == FieldType.REFERENCE && coerced != null) {
                SObjectType target = schema.type(field.referenceTo());
                if (target == null || store.find(target, coerced.toString()) == null) {
                    return failed("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of(field.name()));
                }
            }
            values.put(field, coerced);
        }
        return new Outcome(record, values, null);
    }

    private static Outcome failed(String statusCode, String message, List<String> fields) {
        return new Outcome(null, null, error(statusCode, message, fields));
    }

    private static ObjectNode error(String statusCode, String message, List<String> fields) {
        ObjectNode error = FakeJson.object();
        error.put("statusCode", statusCode);
        error.put("message", message);
        ArrayNode list = error.putArray("fields");
        fields.forEach(list::add);
        return error;
    }

    private static FakeSalesforceError parserError(String message) {
        return FakeSalesforceError.badRequest("JSON_PARSER_ERROR", message);
    }
}
