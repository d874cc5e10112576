package io.referloop.hubspot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.referloop.hubspot.HubSpotBodies.AssociationsAnswer;
import io.referloop.hubspot.HubSpotBodies.BatchAnswer;
import io.referloop.hubspot.HubSpotBodies.BatchError;
import io.referloop.hubspot.HubSpotBodies.BatchOfIds;
import io.referloop.hubspot.HubSpotBodies.BatchRead;
import io.referloop.hubspot.HubSpotBodies.BatchUpdate;
import io.referloop.hubspot.HubSpotBodies.CrmObject;
import io.referloop.hubspot.HubSpotBodies.Filter;
import io.referloop.hubspot.HubSpotBodies.FilterGroup;
import io.referloop.hubspot.HubSpotBodies.Id;
import io.referloop.hubspot.HubSpotBodies.NamesAnswer;
import io.referloop.hubspot.HubSpotBodies.PropertyBatchAnswer;
import io.referloop.hubspot.HubSpotBodies.PropertyBatchCreate;
import io.referloop.hubspot.HubSpotBodies.PropertyGroup;
import io.referloop.hubspot.HubSpotBodies.Search;
import io.referloop.hubspot.HubSpotBodies.SearchAnswer;
import io.referloop.hubspot.HubSpotBodies.Sort;
import io.referloop.hubspot.HubSpotBodies.Update;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * HubSpot CRM v3 over Spring's {@link RestClient}, on the JDK's HTTP client. Written by hand because HubSpot ships no
 * maintained Java SDK; the JDK client because (unlike HttpClient 5) it never waits out a Retry-After by itself: every
 * wait and retry is decided in {@link HubSpotResilience}, in one place. Bodies are the records of {@link HubSpotBodies},
 * written and read with the application's {@link ObjectMapper}; every answer, error or not, goes through
 * {@link HubSpotResponses} so that an error carries HubSpot's status, category and wait.
 */
@Component
public class HubSpotClient {

    public static final int BATCH_LIMIT = 100;
    /** The category of HubSpot's error for a property or group that exists. */
    private static final String ALREADY_EXISTS = "OBJECT_ALREADY_EXISTS";

    private final HubSpotProperties properties;
    private final ObjectMapper json;
    private final RestClient http;
    private final HubSpotResilience resilience;

    /** Outside Spring: guards with the settings application.yaml gives them (see {@link HubSpotResilience#standalone}). */
    public HubSpotClient(HubSpotProperties properties, ObjectMapper json) {
        this(properties, json, HubSpotResilience.standalone(properties));
    }

    @Autowired
    HubSpotClient(HubSpotProperties properties, ObjectMapper json, HubSpotResilience resilience) {
        this.properties = properties;
        this.json = json;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build());
        requests.setReadTimeout(properties.requestTimeout());
        this.http = RestClient.builder()
                .requestFactory(requests)
                .baseUrl(properties.baseUrl().toString().replaceAll("/+$", ""))
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .build();
        this.resilience = resilience;
    }

    public boolean enabled() {
        return properties.apiEnabled();
    }

    /** Reads up to 100 objects by id; ids HubSpot does not know are simply absent from the result. */
    public List<HubSpotObject> batchRead(String objectType, Collection<String> ids, Collection<String> propertyNames) {
        checkBatch(ids.size());
        BatchAnswer answer = post("/crm/v3/objects/" + objectType + "/batch/read",
                new BatchRead(List.copyOf(propertyNames), ids.stream().map(Id::new).toList()), BatchAnswer.class);
        return answer.results().stream().map(CrmObject::toObject).toList();
    }

    /**
     * Updates up to 100 objects in one call. Returns the ids HubSpot reported as not found (207);
     * every other input was written.
     */
    public Set<String> batchUpdate(String objectType, Map<String, Map<String, String>> propertiesById) {
        checkBatch(propertiesById.size());
        List<Update> inputs = new ArrayList<>();
        propertiesById.forEach((id, values) -> inputs.add(new Update(id, values)));
        BatchAnswer answer = post("/crm/v3/objects/" + objectType + "/batch/update", new BatchUpdate(inputs), BatchAnswer.class);
        Set<String> missing = new HashSet<>();
        answer.errors().forEach(error -> missing.addAll(error.context() == null ? List.of()
                : error.context().getOrDefault("ids", List.of())));
        return missing;
    }

    /** Reads any number of objects by id, 100 per call (each call goes through the rate limiter on its own). */
    public List<HubSpotObject> batchReadAll(String objectType, Collection<String> ids, Collection<String> propertyNames) {
        List<String> all = List.copyOf(new LinkedHashSet<>(ids));
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
        AssociationsAnswer answer = post("/crm/v4/associations/" + fromType + "/" + toType + "/batch/read",
                new BatchOfIds(ids.stream().map(Id::new).toList()), AssociationsAnswer.class);
        Map<String, List<Association>> result = new LinkedHashMap<>();
        answer.results().forEach(r -> result.put(r.from().id(), r.to().stream()
                .map(t -> new Association(t.toObjectId(), Set.copyOf(t.associationTypes().stream()
                        .map(HubSpotBodies.AssociationType::typeId).toList())))
                .toList()));
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
        List<String> names = new ArrayList<>(properties);
        names.add(property);
        Search search = new Search(
                List.of(new FilterGroup(List.of(new Filter(property, "GTE", Long.toString(from))))),
                List.of(new Sort(property, "ASCENDING")), names, SEARCH_PAGE, after);
        SearchAnswer answer = search(objectType, search);
        List<HubSpotObject> objects = answer.results().stream().map(CrmObject::toObject).toList();
        return new SearchPage(objects, answer.total() == null ? objects.size() : answer.total(), answer.nextAfter());
    }

    public static final int SEARCH_PAGE = 200;

    /**
     * The most recently modified object by {@code property} (a search sorted newest first, one result), or empty
     * when there is none: a time read from HubSpot's own records rather than from this machine's clock.
     */
    public Optional<HubSpotObject> newest(String objectType, String property) {
        SearchAnswer answer = search(objectType,
                new Search(null, List.of(new Sort(property, "DESCENDING")), List.of(property), 1, null));
        return answer.results().stream().findFirst().map(CrmObject::toObject);
    }

    private SearchAnswer search(String objectType, Search search) {
        io.github.resilience4j.ratelimiter.RateLimiter.waitForPermission(resilience.searchLimiter);
        return post("/crm/v3/objects/" + objectType + "/search", search, SearchAnswer.class);
    }

    /**
     * The email of a HubSpot user (Users API {@code GET /settings/v3/users/{userId}}, scope {@code settings.users.read}),
     * or empty when HubSpot has no such user (404).
     */
    public Optional<String> userEmail(String userId) {
        try {
            HubSpotBodies.User user = get("/settings/v3/users/" + URLEncoder.encode(userId, StandardCharsets.UTF_8),
                    HubSpotBodies.User.class);
            String email = user == null || user.email() == null ? "" : user.email().strip();
            return email.isEmpty() ? Optional.empty() : Optional.of(email);
        } catch (HubSpotApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public Set<String> propertyNames(String objectType) {
        return names(get("/crm/v3/properties/" + objectType, NamesAnswer.class));
    }

    public Set<String> groupNames(String objectType) {
        return names(get("/crm/v3/properties/" + objectType + "/groups", NamesAnswer.class));
    }

    /** Creates a property group; one that already exists (409) counts as created. */
    public void createGroup(String objectType, String name, String label) {
        createIgnoringConflict("/crm/v3/properties/" + objectType + "/groups", new PropertyGroup(name, label));
    }

    /** Creates a property; one that already exists (409) counts as created. */
    public void createProperty(String objectType, ObjectNode definition) {
        createIgnoringConflict("/crm/v3/properties/" + objectType, definition);
    }

    /**
     * Creates properties of one object type with the batch endpoint, {@link #BATCH_LIMIT} a call: HubSpot states no
     * limit for properties, so the one of its object batches is kept. A property that already exists (another
     * instance created it meanwhile) counts as created; any other error HubSpot reports for an input is thrown, with
     * HubSpot's reasons, once the call is over (the other inputs of that call were created).
     */
    public void createProperties(String objectType, List<ObjectNode> definitions) {
        for (int from = 0; from < definitions.size(); from += BATCH_LIMIT) {
            createPropertyBatch(objectType, definitions.subList(from, Math.min(definitions.size(), from + BATCH_LIMIT)));
        }
    }

    private void createPropertyBatch(String objectType, List<ObjectNode> definitions) {
        PropertyBatchAnswer answer;
        try {
            answer = post("/crm/v3/properties/" + objectType + "/batch/create", new PropertyBatchCreate(definitions),
                    PropertyBatchAnswer.class);
        } catch (HubSpotApiException e) {
            if (e.status() != 409) {
                throw e;
            }
            // should HubSpot refuse the whole call for an input that exists, as its object batch creates do
            // (naming only the first), one property at a time creates the others
            definitions.forEach(definition -> createProperty(objectType, definition));
            return;
        }
        List<BatchError> refused = answer.errors().stream()
                .filter(error -> !ALREADY_EXISTS.equals(error.category())).toList();
        if (!refused.isEmpty()) {
            throw new HubSpotApiException(207, refused.get(0).category(), "some " + objectType + " properties were not "
                    + "created: " + String.join("; ", refused.stream()
                    .map(error -> Objects.toString(error.message(), "no reason given")).toList()), 0, null);
        }
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

    private void createIgnoringConflict(String path, Object body) {
        try {
            post(path, body, Void.class);
        } catch (HubSpotApiException e) {
            if (e.status() != 409) {
                throw e;
            }
        }
    }

    private static Set<String> names(NamesAnswer answer) {
        Set<String> names = new HashSet<>();
        answer.results().forEach(r -> names.add(r.name()));
        return names;
    }

    private static void checkBatch(int size) {
        if (size == 0 || size > BATCH_LIMIT) {
            throw new IllegalArgumentException("a HubSpot batch holds 1 to " + BATCH_LIMIT + " inputs, not " + size);
        }
    }

    private <T> T get(String path, Class<T> answer) {
        return exchange(http.get().uri(path).headers(this::authorise), answer);
    }

    private <T> T post(String path, Object body, Class<T> answer) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return exchange(http.post().uri(path).headers(this::authorise).contentType(MediaType.APPLICATION_JSON).body(bytes),
                answer);
    }

    private void authorise(HttpHeaders headers) {
        if (!enabled()) {
            throw new IllegalStateException("HubSpot is off: set referloop.hubspot.access-token");
        }
        headers.setBearerAuth(properties.accessToken());
    }

    private <T> T exchange(RestClient.RequestHeadersSpec<?> request, Class<T> answer) {
        return resilience.call(() -> {
            byte[] body;
            try {
                body = request.exchange((req, response) -> HubSpotResponses.check(json, response.getStatusCode().value(),
                        response.getHeaders(), response.getBody().readAllBytes()));
            } catch (ResourceAccessException e) {
                throw new HubSpotApiException(0, null, e.getMessage(), 0, e);
            }
            if (answer == Void.class || body.length == 0) {
                return answer == Void.class ? null : json.readValue("{}", answer);
            }
            return json.readValue(body, answer);
        });
    }
}
