package io.referloop.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * HubSpot CRM v3 over the JDK's HTTP client. Written by hand because HubSpot ships no maintained Java
 * SDK, and the JDK client (unlike HttpClient 5) never waits out a Retry-After by itself: every wait
 * and retry is decided in {@link HubSpotResilience}, in one place.
 */
@Component
public class HubSpotClient {

    public static final int BATCH_LIMIT = 100;

    private final HubSpotProperties properties;
    private final ObjectMapper json;
    private final HttpClient http;
    private final HubSpotResilience resilience;

    /** Outside Spring: guards with the settings application.yaml gives them (see {@link HubSpotResilience#standalone}). */
    public HubSpotClient(HubSpotProperties properties, ObjectMapper json) {
        this(properties, json, HubSpotResilience.standalone(properties));
    }

    @Autowired
    HubSpotClient(HubSpotProperties properties, ObjectMapper json, HubSpotResilience resilience) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
        this.resilience = resilience;
    }

    public boolean enabled() {
        return properties.apiEnabled();
    }

    /** Reads up to 100 objects by id; ids HubSpot does not know are simply absent from the result. */
    public List<HubSpotObject> batchRead(String objectType, Collection<String> ids, Collection<String> propertyNames) {
        checkBatch(ids.size());
        ObjectNode body = json.createObjectNode();
        ArrayNode props = body.putArray("properties");
        propertyNames.forEach(props::add);
        ArrayNode inputs = body.putArray("inputs");
        ids.forEach(id -> inputs.addObject().put("id", id));
        JsonNode answer = post("/crm/v3/objects/" + objectType + "/batch/read", body);
        List<HubSpotObject> objects = new ArrayList<>();
        for (JsonNode result : answer.path("results")) {
            objects.add(object(result));
        }
        return objects;
    }

    private static HubSpotObject object(JsonNode result) {
        Map<String, String> values = new LinkedHashMap<>();
        result.path("properties").fields().forEachRemaining(e ->
                values.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        Instant created = result.hasNonNull("createdAt") ? Instant.parse(result.get("createdAt").asText()) : null;
        return new HubSpotObject(result.path("id").asText(), values, created);
    }

    /**
     * Updates up to 100 objects in one call. Returns the ids HubSpot reported as not found (207);
     * every other input was written.
     */
    public Set<String> batchUpdate(String objectType, Map<String, Map<String, String>> propertiesById) {
        checkBatch(propertiesById.size());
        ObjectNode body = json.createObjectNode();
        ArrayNode inputs = body.putArray("inputs");
        propertiesById.forEach((id, values) -> {
            ObjectNode input = inputs.addObject();
            input.put("id", id);
            ObjectNode props = input.putObject("properties");
            values.forEach(props::put);
        });
        JsonNode answer = post("/crm/v3/objects/" + objectType + "/batch/update", body);
        Set<String> missing = new HashSet<>();
        for (JsonNode error : answer.path("errors")) {
            error.path("context").path("ids").forEach(id -> missing.add(id.asText()));
        }
        return missing;
    }

    /** Reads any number of objects by id, 100 per call (each call goes through the rate limiter on its own). */
    public List<HubSpotObject> batchReadAll(String objectType, Collection<String> ids, Collection<String> propertyNames) {
        List<String> all = List.copyOf(new java.util.LinkedHashSet<>(ids));
        List<HubSpotObject> objects = new ArrayList<>();
        for (int from = 0; from < all.size(); from += BATCH_LIMIT) {
            objects.addAll(batchRead(objectType, all.subList(from, Math.min(all.size(), from + BATCH_LIMIT)), propertyNames));
        }
        return objects;
    }

    /** Associations v4: for each of up to 100 ids, the ids of the associated {@code toType} records. */
    public Map<String, List<String>> associations(String fromType, String toType, Collection<String> ids) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        associationsWithTypes(fromType, toType, ids).forEach((from, links) ->
                result.put(from, links.stream().map(Association::toId).toList()));
        return result;
    }

    /**
     * One associated record and the association types linking it, by HubSpot-defined type id
     * ({@link #DEAL_TO_PRIMARY_COMPANY}, say) or user-defined label id.
     */
    public record Association(String toId, Set<Integer> typeIds) {
        public boolean hasType(int typeId) {
            return typeIds.contains(typeId);
        }
    }

    /** HubSpot-defined association type of a deal and its primary company (unlabelled deal-to-company is 341). */
    public static final int DEAL_TO_PRIMARY_COMPANY = 5;

    /** Associations v4 with their types: for each of up to 100 ids, the associated {@code toType} records. */
    public Map<String, List<Association>> associationsWithTypes(String fromType, String toType, Collection<String> ids) {
        checkBatch(ids.size());
        ObjectNode body = json.createObjectNode();
        ArrayNode inputs = body.putArray("inputs");
        ids.forEach(id -> inputs.addObject().put("id", id));
        JsonNode answer = post("/crm/v4/associations/" + fromType + "/" + toType + "/batch/read", body);
        Map<String, List<Association>> result = new LinkedHashMap<>();
        for (JsonNode r : answer.path("results")) {
            List<Association> targets = new ArrayList<>();
            for (JsonNode t : r.path("to")) {
                Set<Integer> types = new HashSet<>();
                t.path("associationTypes").forEach(type -> types.add(type.path("typeId").asInt()));
                targets.add(new Association(t.path("toObjectId").asText(), Set.copyOf(types)));
            }
            result.put(r.path("from").path("id").asText(), targets);
        }
        return result;
    }

    /** One page of a search: the objects, HubSpot's total, and the cursor of the next page (null at the end). */
    public record SearchPage(List<HubSpotObject> results, long total, String after) {
    }

    /**
     * Objects whose {@code property} is at least {@code from} (epoch ms), oldest first, 200 per page. Searches
     * are further limited to 4 per second (HubSpot allows 5 per token) on top of the overall limiter.
     */
    public SearchPage searchModifiedSince(String objectType, String property, long from, Collection<String> properties,
                                          String after) {
        ObjectNode body = json.createObjectNode();
        ObjectNode filter = body.putArray("filterGroups").addObject().putArray("filters").addObject();
        filter.put("propertyName", property).put("operator", "GTE").put("value", Long.toString(from));
        body.putArray("sorts").addObject().put("propertyName", property).put("direction", "ASCENDING");
        ArrayNode props = body.putArray("properties");
        properties.forEach(props::add);
        props.add(property);
        body.put("limit", SEARCH_PAGE);
        if (after != null) {
            body.put("after", after);
        }
        io.github.resilience4j.ratelimiter.RateLimiter.waitForPermission(resilience.searchLimiter);
        JsonNode answer = post("/crm/v3/objects/" + objectType + "/search", body);
        List<HubSpotObject> objects = new ArrayList<>();
        for (JsonNode result : answer.path("results")) {
            objects.add(object(result));
        }
        String next = answer.path("paging").path("next").path("after").asText(null);
        return new SearchPage(objects, answer.path("total").asLong(objects.size()), next);
    }

    public static final int SEARCH_PAGE = 200;

    /**
     * The most recently modified object by {@code property} (a search sorted newest first, one result), or empty
     * when there is none: a time read from HubSpot's own records rather than from this machine's clock.
     */
    public Optional<HubSpotObject> newest(String objectType, String property) {
        ObjectNode body = json.createObjectNode();
        body.putArray("sorts").addObject().put("propertyName", property).put("direction", "DESCENDING");
        body.putArray("properties").add(property);
        body.put("limit", 1);
        io.github.resilience4j.ratelimiter.RateLimiter.waitForPermission(resilience.searchLimiter);
        JsonNode first = post("/crm/v3/objects/" + objectType + "/search", body).path("results").path(0);
        return first.isObject() ? Optional.of(object(first)) : Optional.empty();
    }

    public Set<String> propertyNames(String objectType) {
        return names(get("/crm/v3/properties/" + objectType));
    }

    public Set<String> groupNames(String objectType) {
        return names(get("/crm/v3/properties/" + objectType + "/groups"));
    }

    /** Creates a property group; one that already exists (409) counts as created. */
    public void createGroup(String objectType, String name, String label) {
        ObjectNode body = json.createObjectNode().put("name", name).put("label", label);
        createIgnoringConflict("/crm/v3/properties/" + objectType + "/groups", body);
    }

    /** Creates a property; one that already exists (409) counts as created. */
    public void createProperty(String objectType, ObjectNode definition) {
        createIgnoringConflict("/crm/v3/properties/" + objectType, definition);
    }

    public ObjectMapper json() {
        return json;
    }

    public CircuitBreaker circuitBreaker() {
        return resilience.circuitBreaker;
    }

    HubSpotResilience resilience() {
        return resilience;
    }

    private void createIgnoringConflict(String path, ObjectNode body) {
        try {
            post(path, body);
        } catch (HubSpotApiException e) {
            if (e.status() != 409) {
                throw e;
            }
        }
    }

    private static Set<String> names(JsonNode answer) {
        Set<String> names = new HashSet<>();
        answer.path("results").forEach(r -> names.add(r.path("name").asText()));
        return names;
    }

    private static void checkBatch(int size) {
        if (size == 0 || size > BATCH_LIMIT) {
            throw new IllegalArgumentException("a HubSpot batch holds 1 to " + BATCH_LIMIT + " inputs, not " + size);
        }
    }

    private JsonNode get(String path) {
        return exchange(request(path).GET().build());
    }

    private JsonNode post(String path, JsonNode body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return exchange(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    private HttpRequest.Builder request(String path) {
        if (!enabled()) {
            throw new IllegalStateException("HubSpot is off: set referloop.hubspot.access-token");
        }
        String base = properties.baseUrl().toString().replaceAll("/+$", "");
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(properties.requestTimeout())
                .header("Authorization", "Bearer " + properties.accessToken())
                .header("Accept", "application/json");
    }

    private JsonNode exchange(HttpRequest request) {
        return resilience.call(() -> {
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw new HubSpotApiException(0, null, e.toString(), 0, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HubSpotApiException(0, null, "interrupted", 0, e);
            }
            return HubSpotResponses.read(json, response);
        });
    }
}
