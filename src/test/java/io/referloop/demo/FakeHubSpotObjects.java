package io.referloop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import io.referloop.demo.FakeHubSpotStore.Record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/** The objects API: {@code /crm/v3/objects/{type}[/{id}|/batch/read|/batch/update|/search]}. The router locks. */
final class FakeHubSpotObjects {

    static final int BATCH_LIMIT = 100;

    private final FakeHubSpotSchema schema;
    private final FakeHubSpotStore store;
    final List<Integer> batchUpdateSizes = new ArrayList<>();
    final List<Integer> batchReadSizes = new ArrayList<>();
    final List<FakeHubSpot.Search> searches = new ArrayList<>();
    int searchWindow = FakeHubSpotSearch.RESULT_WINDOW;
    BiConsumer<String, List<String>> batchUpdateListener = (type, ids) -> { };
    BiConsumer<String, List<String>> batchReadListener = (type, ids) -> { };
    /** Per record ("contacts/1001"), the properties of each update applied to it, in order. */
    final Map<String, List<Map<String, String>>> appliedUpdates = new LinkedHashMap<>();

    FakeHubSpotObjects(FakeHubSpotSchema schema, FakeHubSpotStore store) {
        this.schema = schema;
        this.store = store;
    }

    FakeReply handle(String method, FakeHubSpotType type, List<String> rest, Request request) {
        String route = method + " " + String.join("/", rest);
        switch (route) {
            case "POST batch/read":
                return batchRead(type, FakeJson.parseObject(request.getBodyAsString(), FakeHubSpotError::invalidBody));
            case "POST batch/update":
                return batchUpdate(type, FakeJson.parseObject(request.getBodyAsString(), FakeHubSpotError::invalidBody));
            case "POST search":
                ObjectNode body = FakeJson.parseObject(request.getBodyAsString(), FakeHubSpotError::invalidBody);
                searches.add(new FakeHubSpot.Search(Instant.now(), type.pathName(), body.path("limit").asInt(10),
                        body.path("after").asText(null), body.toString()));
                return FakeReply.ok(search(type, body));
            case "POST ":
                return create(type, FakeJson.parseObject(request.getBodyAsString(), FakeHubSpotError::invalidBody));
            default:
                break;
        }
        if (rest.size() == 1 && method.equals("GET")) {
            Record record = existing(type, rest.get(0), request.queryParameter("idProperty"));
            return FakeReply.ok(record.toJson(readable(type, query(request.queryParameter("properties")))));
        }
        if (rest.size() == 1 && method.equals("PATCH")) {
            Record record = existing(type, rest.get(0), request.queryParameter("idProperty"));
            Map<String, String> values = values(FakeJson.parseObject(request.getBodyAsString(), FakeHubSpotError::invalidBody));
            validate(type, List.of(values));
            store.update(record, values);
            return FakeReply.ok(record.toJson(written(type, values.keySet())));
        }
        throw FakeHubSpotError.notFound("No route for " + method + " /crm/v3/objects/" + type.pathName()
                + (rest.isEmpty() ? "" : "/" + String.join("/", rest)));
    }

    private FakeReply create(FakeHubSpotType type, ObjectNode body) {
        Map<String, String> values = values(body);
        validate(type, List.of(values));
        Record record = store.create(type, values);
        return FakeReply.created(record.toJson(written(type, record.values.keySet())));
    }

    private FakeReply batchRead(FakeHubSpotType type, ObjectNode body) {
        JsonNode inputs = inputs(body);
        Collection<String> names = readable(type, FakeHubSpotJson.strings(body.get("properties")));
        String idProperty = FakeJson.text(body, "idProperty");
        Instant started = FakeJson.now();
        Map<String, Record> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (JsonNode input : inputs) {
            String id = input.path("id").asText();
            Record record = store.findBy(type, idProperty, id);
            if (record == null) {
                missing.add(id);
            } else {
                found.putIfAbsent(record.id, record);
            }
        }
        batchReadSizes.add(inputs.size());
        batchReadListener.accept(type.pathName(), found.values().stream().map(r -> r.id).toList());
        return batchReply(type, "get", found.values().stream().map(r -> r.toJson(names)).toList(), missing, started);
    }

    private FakeReply batchUpdate(FakeHubSpotType type, ObjectNode body) {
        JsonNode inputs = inputs(body);
        Set<String> ids = new LinkedHashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        List<Map<String, String>> changes = new ArrayList<>();
        for (JsonNode input : inputs) {
            String id = FakeJson.text(input, "id");
            if (id == null || !input.path("properties").isObject()) {
                throw FakeHubSpotError.validation("Every input needs an id and a properties object")
                        .withError("missing id or properties", "inputs", "REQUIRED");
            }
            if (!ids.add(id)) {
                duplicates.add(id);
            }
            changes.add(values(input));
        }
        if (!duplicates.isEmpty()) {
            throw FakeHubSpotError.validation("Duplicate IDs found in batch input: " + duplicates);
        }
        validate(type, changes);
        Instant started = FakeJson.now();
        List<ObjectNode> results = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int i = 0;
        for (JsonNode input : inputs) {
            Map<String, String> values = changes.get(i++);
            Record record = store.findBy(type, FakeJson.text(input, "idProperty"), input.get("id").asText());
            if (record == null) {
                missing.add(input.get("id").asText());
            } else {
                store.update(record, values);
                appliedUpdates.computeIfAbsent(type.pathName() + "/" + record.id, k -> new ArrayList<>()).add(Map.copyOf(values));
                results.add(record.toJson(written(type, values.keySet())));
            }
        }
        batchUpdateSizes.add(inputs.size());
        batchUpdateListener.accept(type.pathName(), results.stream().map(r -> r.path("id").asText()).toList());
        return batchReply(type, "update", results, missing, started);
    }

    private ObjectNode search(FakeHubSpotType type, ObjectNode body) {
        FakeHubSpotSearch.Page page = FakeHubSpotSearch.run(body,
                store.all(type).stream().filter(record -> record.searchable).toList(), searchWindow);
        List<String> requested = FakeHubSpotJson.strings(body.get("properties"));
        Collection<String> names = readable(type, requested);
        ObjectNode answer = FakeJson.object();
        answer.put("total", page.total());
        ArrayNode results = answer.putArray("results");
        page.results().forEach(record -> results.add(record.toJson(names)));
        if (page.nextAfter() != null) {
            answer.putObject("paging").putObject("next").put("after", page.nextAfter());
        }
        return answer;
    }

    private static JsonNode inputs(ObjectNode body) {
        JsonNode inputs = body.get("inputs");
        if (inputs == null || !inputs.isArray()) {
            throw FakeHubSpotError.validation("Some required fields were not set: [inputs]")
                    .withError("Some required fields were not set", "inputs", "REQUIRED");
        }
        if (inputs.size() > BATCH_LIMIT) {
            throw FakeHubSpotError.validation("Batch input size must be at most " + BATCH_LIMIT + ", was "
                    + inputs.size()).withError("size must be between 0 and " + BATCH_LIMIT, "inputs", "INVALID");
        }
        return inputs;
    }

    /** All-or-nothing property validation, as HubSpot does for a batch. */
    private void validate(FakeHubSpotType type, List<Map<String, String>> changes) {
        ArrayNode problems = FakeJson.array();
        Set<JsonNode> seen = new LinkedHashSet<>();
        changes.forEach(values -> schema.problems(type, values).forEach(problem -> {
            if (seen.add(problem)) {
                problems.add(problem);
            }
        }));
        if (!problems.isEmpty()) {
            throw FakeHubSpotError.validation("Property values were not valid: " + problems);
        }
    }

    private FakeReply batchReply(FakeHubSpotType type, String verb, List<ObjectNode> results,
                                        List<String> missing, Instant started) {
        ObjectNode answer = FakeJson.object();
        answer.put("status", "COMPLETE");
        answer.putArray("results").addAll(results);
        if (!missing.isEmpty()) {
            answer.put("numErrors", 1);
            ObjectNode error = answer.putArray("errors").addObject();
            error.put("status", "error");
            error.put("category", "OBJECT_NOT_FOUND");
            error.put("message", "Could not " + verb + " some " + type.label()
                    + " objects, they may be deleted or not exist. Check that ids are valid.");
            ArrayNode ids = error.putObject("context").putArray("ids");
            missing.forEach(ids::add);
        }
        answer.put("startedAt", FakeJson.timestamp(started));
        answer.put("completedAt", FakeJson.timestampNow());
        return new FakeReply(missing.isEmpty() ? 200 : 207, answer);
    }

    private Record existing(FakeHubSpotType type, String id, QueryParameter idProperty) {
        Record record = store.findBy(type, idProperty.isPresent() ? idProperty.firstValue() : null, id);
        if (record == null) {
            throw FakeHubSpotError.notFound("Object not found.  objectId are usually numeric.");
        }
        return record;
    }

    /** The requested properties that exist (or the defaults when none is requested), plus those always returned. */
    private Collection<String> readable(FakeHubSpotType type, List<String> requested) {
        Set<String> names = new LinkedHashSet<>();
        (requested.isEmpty() ? type.defaultProperties() : requested).stream()
                .filter(name -> schema.hasProperty(type, name)).forEach(names::add);
        names.addAll(type.alwaysReturned());
        return names;
    }

    private static Collection<String> written(FakeHubSpotType type, Collection<String> names) {
        Set<String> all = new LinkedHashSet<>(names);
        all.addAll(type.alwaysReturned());
        return all;
    }

    private static List<String> query(QueryParameter parameter) {
        List<String> out = new ArrayList<>();
        if (parameter.isPresent()) {
            parameter.values().forEach(value -> FakeHubSpotJson.splitInto(value, out));
        }
        return out;
    }

    private static Map<String, String> values(JsonNode input) {
        JsonNode properties = input.path("properties");
        if (!properties.isObject()) {
            throw FakeHubSpotError.validation("Some required fields were not set: [properties]")
                    .withError("Some required fields were not set", "properties", "REQUIRED");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : properties.properties()) {
            values.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
        }
        return values;
    }
}
