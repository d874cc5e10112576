package io.referloop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.referloop.demo.FakeJson.text;
import static io.referloop.demo.FakeHubSpotType.COMPANIES;
import static io.referloop.demo.FakeHubSpotType.CONTACTS;
import static io.referloop.demo.FakeHubSpotType.DEALS;

/** Property definitions and groups per object type, and the Properties API over them. The router locks. */
final class FakeHubSpotSchema {

    private static final Set<String> TYPES =
            Set.of("bool", "date", "datetime", "enumeration", "number", "phone_number", "string");
    private static final Set<String> FIELD_TYPES = Set.of("booleancheckbox", "calculation_equation", "checkbox",
            "date", "file", "html", "number", "phonenumber", "radio", "select", "text", "textarea");
    private static final List<String> REQUIRED = List.of("name", "label", "type", "fieldType", "groupName");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Set<String> READ_ONLY = Set.of("hs_object_id", "lastmodifieddate", "hs_lastmodifieddate");

    private final Map<FakeHubSpotType, Map<String, ObjectNode>> properties = new EnumMap<>(FakeHubSpotType.class);
    private final Map<FakeHubSpotType, Map<String, ObjectNode>> groups = new EnumMap<>(FakeHubSpotType.class);
    /** Every call that reached the property create endpoints with a JSON object, single or batch, in order. */
    final List<FakeHubSpot.PropertyCreateCall> createCalls = new ArrayList<>();

    FakeHubSpotSchema() {
        for (FakeHubSpotType type : FakeHubSpotType.values()) {
            properties.put(type, new LinkedHashMap<>());
            groups.put(type, new LinkedHashMap<>());
        }
        group(CONTACTS, "contactinformation", "Contact information");
        group(COMPANIES, "companyinformation", "Company information");
        group(DEALS, "dealinformation", "Deal information");
        builtIn(CONTACTS, "email", "Email", "string", "text");
        builtIn(CONTACTS, "firstname", "First Name", "string", "text");
        builtIn(CONTACTS, "lastname", "Last Name", "string", "text");
        builtIn(CONTACTS, "company", "Company Name", "string", "text");
        builtIn(CONTACTS, "phone", "Phone Number", "string", "phonenumber");
        builtIn(CONTACTS, "website", "Website URL", "string", "text");
        builtIn(CONTACTS, "lifecyclestage", "Lifecycle Stage", "enumeration", "radio", "subscriber", "lead",
                "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "evangelist", "other");
        builtIn(CONTACTS, "nps_score", "NPS score", "number", "number");
        builtIn(CONTACTS, "lastmodifieddate", "Last Modified Date", "datetime", "date");
        builtIn(COMPANIES, "name", "Company name", "string", "text");
        builtIn(COMPANIES, "domain", "Company Domain Name", "string", "text");
        builtIn(DEALS, "dealname", "Deal Name", "string", "text");
        builtIn(DEALS, "dealstage", "Deal Stage", "enumeration", "radio", "appointmentscheduled", "qualifiedtobuy",
                "presentationscheduled", "decisionmakerboughtin", "contractsent", "closedwon", "closedlost");
        builtIn(DEALS, "amount", "Amount", "number", "number");
        builtIn(DEALS, "closedate", "Close Date", "datetime", "date");
        builtIn(DEALS, "pipeline", "Pipeline", "enumeration", "select", "default");
        for (FakeHubSpotType type : FakeHubSpotType.values()) {
            builtIn(type, "createdate", "Create Date", "datetime", "date");
            builtIn(type, "hs_lastmodifieddate", "Object last modified date/time", "datetime", "date");
            builtIn(type, "hs_object_id", "Record ID", "number", "number");
        }
    }

    boolean hasProperty(FakeHubSpotType type, String name) {
        return properties.get(type).containsKey(name);
    }

    boolean hasGroup(FakeHubSpotType type, String name) {
        return groups.get(type).containsKey(name);
    }

    /** Properties API: {@code /crm/v3/properties/{objectType}[/groups|/{name}|/batch/create]}. */
    FakeReply handle(String method, FakeHubSpotType type, List<String> rest, String body) {
        boolean onGroups = rest.size() == 1 && rest.get(0).equals("groups");
        if (rest.isEmpty() && method.equals("GET")) {
            return FakeReply.ok(results(properties.get(type)));
        }
        if (rest.isEmpty() && method.equals("POST")) {
            ObjectNode in = FakeJson.parseObject(body, FakeHubSpotError::invalidBody);
            createCalls.add(new FakeHubSpot.PropertyCreateCall(type.pathName(), false, 1));
            return FakeReply.created(createProperty(type, in).deepCopy());
        }
        if (rest.equals(List.of("batch", "create")) && method.equals("POST")) {
            return createProperties(type, FakeJson.parseObject(body, FakeHubSpotError::invalidBody));
        }
        if (onGroups && method.equals("GET")) {
            return FakeReply.ok(results(groups.get(type)));
        }
        if (onGroups && method.equals("POST")) {
            return FakeReply.created(createGroup(type, FakeJson.parseObject(body, FakeHubSpotError::invalidBody)).deepCopy());
        }
        if (rest.size() == 1 && method.equals("GET")) {
            ObjectNode property = properties.get(type).get(rest.get(0));
            if (property == null) {
                throw FakeHubSpotError.notFound("Unable to find property " + rest.get(0) + " for object type "
                        + type.typeId());
            }
            return FakeReply.ok(property.deepCopy());
        }
        throw FakeHubSpotError.notFound("No route for " + method + " /crm/v3/properties/" + type.pathName()
                + (rest.isEmpty() ? "" : "/" + String.join("/", rest)));
    }

    /** HubSpot's per-property verdicts for values about to be written; empty when all are valid. */
    ArrayNode problems(FakeHubSpotType type, Map<String, String> values) {
        ArrayNode problems = FakeJson.array();
        values.forEach((name, value) -> {
            ObjectNode property = properties.get(type).get(name);
            if (property == null) {
                problem(problems, name, "PROPERTY_DOESNT_EXIST", "Property \"" + name + "\" does not exist");
            } else if (READ_ONLY.contains(name)) {
                problem(problems, name, "READ_ONLY_VALUE",
                        "\"" + name + "\" is a read only property; its value cannot be set.");
            } else if (property.path("type").asText().equals("enumeration") && value != null && !value.isEmpty()) {
                List<String> allowed = new ArrayList<>();
                property.path("options").forEach(option -> allowed.add(option.path("value").asText()));
                List<String> given = property.path("fieldType").asText().equals("checkbox")
                        ? Arrays.asList(value.split(";")) : List.of(value);
                given.stream().filter(v -> !allowed.contains(v)).findFirst().ifPresent(bad -> problem(problems, name,
                        "INVALID_OPTION", "\"" + bad + "\" was not one of the allowed options: " + allowed));
            }
        });
        return problems;
    }

    private ObjectNode createProperty(FakeHubSpotType type, ObjectNode in) {
        List<String> missing = REQUIRED.stream().filter(field -> text(in, field) == null).toList();
        if (!missing.isEmpty()) {
            FakeHubSpotError error = FakeHubSpotError.validation("Some required fields were not set: " + missing);
            missing.forEach(field -> error.withError("Some required fields were not set", field, "REQUIRED"));
            throw error;
        }
        String name = text(in, "name");
        requireOneOf(in, "type", TYPES);
        requireOneOf(in, "fieldType", FIELD_TYPES);
        if (!NAME.matcher(name).matches()) {
            throw FakeHubSpotError.validation("Property name '" + name
                    + "' is invalid: use lowercase letters, digits and underscores, starting with a letter")
                    .withError("invalid property name", "name", "INVALID_FORMAT");
        }
        if (!hasGroup(type, text(in, "groupName"))) {
            throw FakeHubSpotError.validation("Property group '" + text(in, "groupName") + "' does not exist.")
                    .withError("property group does not exist", "groupName", "INVALID");
        }
        if (hasProperty(type, name)) {
            throw FakeHubSpotError.conflict("Property named '" + name + "' already exists.");
        }
        ObjectNode property = define(type, name, text(in, "label"), text(in, "type"), text(in, "fieldType"),
                text(in, "groupName"), false);
        property.set("options", options(in.path("options")));
        property.put("description", in.path("description").asText(""));
        property.put("displayOrder", in.path("displayOrder").asInt(-1));
        property.put("hasUniqueValue", in.path("hasUniqueValue").asBoolean(false));
        property.put("hidden", in.path("hidden").asBoolean(false));
        property.put("formField", in.path("formField").asBoolean(false));
        return property;
    }

    /**
     * Batch create: each input as a single create would take it, the others created whatever becomes of one; 201
     * when all were, else 207 with an error per refused input (HubSpot's {@code StandardError}, its category and
     * message those of the single create's error, {@code OBJECT_ALREADY_EXISTS} for a name taken).
     */
    private FakeReply createProperties(FakeHubSpotType type, ObjectNode body) {
        JsonNode inputs = body.get("inputs");
        if (inputs == null || !inputs.isArray()) {
            throw FakeHubSpotError.validation("Some required fields were not set: [inputs]")
                    .withError("Some required fields were not set", "inputs", "REQUIRED");
        }
        createCalls.add(new FakeHubSpot.PropertyCreateCall(type.pathName(), true, inputs.size()));
        String started = FakeJson.timestampNow();
        ObjectNode answer = FakeJson.object();
        answer.put("status", "COMPLETE");
        ArrayNode results = answer.putArray("results");
        ArrayNode errors = FakeJson.array();
        for (JsonNode input : inputs) {
            try {
                if (!input.isObject()) {
                    throw FakeHubSpotError.validation("Invalid input JSON: every input must be a JSON object");
                }
                results.add(createProperty(type, (ObjectNode) input).deepCopy());
            } catch (FakeHubSpotError refused) {
                JsonNode reason = refused.body("");
                ObjectNode error = errors.addObject();
                error.put("status", "error");
                error.put("category", reason.path("category").asText());
                error.put("message", reason.path("message").asText());
                error.putObject("context");
                error.set("errors", reason.has("errors") ? reason.get("errors").deepCopy() : FakeJson.array());
                error.putObject("links");
            }
        }
        if (!errors.isEmpty()) {
            answer.put("numErrors", errors.size());
            answer.set("errors", errors);
        }
        answer.put("startedAt", started);
        answer.put("completedAt", FakeJson.timestampNow());
        return new FakeReply(errors.isEmpty() ? 201 : 207, answer);
    }

    private ObjectNode createGroup(FakeHubSpotType type, ObjectNode in) {
        List<String> missing = List.of("name", "label").stream().filter(field -> text(in, field) == null).toList();
        if (!missing.isEmpty()) {
            FakeHubSpotError error = FakeHubSpotError.validation("Some required fields were not set: " + missing);
            missing.forEach(field -> error.withError("Some required fields were not set", field, "REQUIRED"));
            throw error;
        }
        if (hasGroup(type, text(in, "name"))) {
            throw FakeHubSpotError.conflict("Property group named '" + text(in, "name") + "' already exists.");
        }
        ObjectNode group = group(type, text(in, "name"), text(in, "label"));
        group.put("displayOrder", in.path("displayOrder").asInt(-1));
        return group;
    }

    private static void requireOneOf(ObjectNode in, String field, Set<String> allowed) {
        String value = text(in, field);
        if (!allowed.contains(value)) {
            throw FakeHubSpotError.validation("Invalid input JSON: \"" + field + "\" must be one of "
                    + allowed.stream().sorted().toList() + ", was \"" + value + "\"")
                    .withError("invalid value \"" + value + "\"", field, "INVALID_ENUM");
        }
    }

    private static ArrayNode options(JsonNode in) {
        ArrayNode options = FakeJson.array();
        if (in.isMissingNode() || in.isNull()) {
            return options;
        }
        if (!in.isArray()) {
            throw FakeHubSpotError.validation("Invalid input JSON: \"options\" must be an array");
        }
        for (JsonNode option : in) {
            if (text(option, "label") == null || text(option, "value") == null) {
                throw FakeHubSpotError.validation("Every option needs a label and a value")
                        .withError("option without label or value", "options", "REQUIRED");
            }
            ObjectNode out = options.addObject();
            out.put("label", text(option, "label"));
            out.put("value", text(option, "value"));
            out.put("displayOrder", option.path("displayOrder").asInt(options.size() - 1));
            out.put("hidden", option.path("hidden").asBoolean(false));
        }
        return options;
    }

    private void builtIn(FakeHubSpotType type, String name, String label, String dataType, String fieldType,
                         String... optionValues) {
        String group = groups.get(type).keySet().iterator().next();
        ObjectNode property = define(type, name, label, dataType, fieldType, group, true);
        ArrayNode options = property.putArray("options");
        for (String value : optionValues) {
            ObjectNode option = options.addObject();
            option.put("label", value);
            option.put("value", value);
            option.put("displayOrder", options.size() - 1);
            option.put("hidden", false);
        }
        ((ObjectNode) property.get("modificationMetadata")).put("readOnlyValue", READ_ONLY.contains(name));
    }

    private ObjectNode define(FakeHubSpotType type, String name, String label, String dataType, String fieldType,
                              String group, boolean hubspotDefined) {
        String now = FakeJson.timestampNow();
        ObjectNode property = FakeJson.object();
        property.put("name", name);
        property.put("label", label);
        property.put("type", dataType);
        property.put("fieldType", fieldType);
        property.put("groupName", group);
        property.put("description", "");
        property.putArray("options");
        property.put("displayOrder", -1);
        property.put("calculated", false);
        property.put("externalOptions", false);
        property.put("hasUniqueValue", false);
        property.put("hidden", false);
        property.put("formField", false);
        if (hubspotDefined) {
            property.put("hubspotDefined", true);
        }
        ObjectNode metadata = property.putObject("modificationMetadata");
        metadata.put("archivable", !hubspotDefined);
        metadata.put("readOnlyDefinition", hubspotDefined);
        metadata.put("readOnlyValue", false);
        property.put("createdAt", now);
        property.put("updatedAt", now);
        property.put("archived", false);
        properties.get(type).put(name, property);
        return property;
    }

    private ObjectNode group(FakeHubSpotType type, String name, String label) {
        ObjectNode group = FakeJson.object();
        group.put("name", name);
        group.put("label", label);
        group.put("displayOrder", -1);
        group.put("archived", false);
        groups.get(type).put(name, group);
        return group;
    }

    private static ObjectNode results(Map<String, ObjectNode> items) {
        ObjectNode body = FakeJson.object();
        ArrayNode results = body.putArray("results");
        items.values().forEach(item -> results.add(item.deepCopy()));
        return body;
    }

    private static void problem(ArrayNode problems, String name, String error, String message) {
        ObjectNode problem = problems.addObject();
        problem.put("isValid", false);
        problem.put("message", message);
        problem.put("error", error);
        problem.put("name", name);
        problem.put("localizedErrorMessage", message);
    }
}
