package io.referloop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.referloop.demo.FakeHubSpotStore.Record;

import java.io.IOException;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A stateful, in-memory fake of the HubSpot CRM v3 API (objects, batch read/update, search, properties, single
 * and batch create, and groups) on WireMock, with bearer authentication, the private-app rate limits and HubSpot's
 * error bodies.
 * Used by integration tests and the {@code demo} profile. Thread-safe: one lock guards all state.
 */
public final class FakeHubSpot extends FakeApi<FakeHubSpot> {

    private final FakeHubSpotSchema schema = new FakeHubSpotSchema();
    private final FakeHubSpotStore store = new FakeHubSpotStore();
    private final FakeHubSpotObjects objects = new FakeHubSpotObjects(schema, store);
    private final FakeHubSpotAssociations associations = new FakeHubSpotAssociations();
    private final FakeHubSpotUsers users = new FakeHubSpotUsers();
    private final FakeHubSpotRouter router;

    /** A fake on a free port. */
    public FakeHubSpot(String accessToken) {
        this(accessToken, 0);
    }

    /** A fake on that port; 0 picks a free one. */
    public FakeHubSpot(String accessToken, int port) {
        super("the fake HubSpot", "", port);
        Objects.requireNonNull(accessToken, "accessToken");
        this.router = new FakeHubSpotRouter(lock, accessToken, schema, objects, associations, users);
    }

    @Override
    FakeHubSpotRouter router() {
        return router;
    }

    /** Requests allowed per rolling 10 s; 100 by default, as for a Free/Starter private app. */
    public void setRateLimitPer10s(int max) {
        setRateLimit(max, FakeHubSpotRateLimiter.HUBSPOT_WINDOW);
    }

    /**
     * Requests allowed per rolling {@code window} instead of HubSpot's 10 s; the 429 names the window in
     * {@code X-HubSpot-RateLimit-Interval-Milliseconds}, so a test waits out the limit in less time.
     */
    public void setRateLimit(int max, Duration window) {
        synchronized (lock) {
            router.limiter.setMax(max);
            router.limiter.setWindow(window);
        }
    }

    /** Creates a contact as a user would in HubSpot: no request counted, no property validation. */
    public String createContact(Map<String, String> properties) {
        return create(FakeHubSpotType.CONTACTS, properties);
    }

    /** Creates a company as a user would in HubSpot (properties such as {@code name}, {@code domain}). */
    public String createCompany(Map<String, String> properties) {
        return create(FakeHubSpotType.COMPANIES, properties);

    }

    /**
     * Creates a contact that reads find at once but search does not until {@link #finishIndexing}: HubSpot serves
     * search from an index that lags writes by seconds, so a change can turn up in search after newer ones have.
     */
    public String createContactIndexedLate(Map<String, String> properties) {
        synchronized (lock) {
            Record record = store.create(FakeHubSpotType.CONTACTS, properties);
            record.searchable = false;
            return record.id;
        }
    }

    /** The search index catches up with a record created by {@link #createContactIndexedLate}. */
    public void finishIndexing(String id) {
        synchronized (lock) {
            existing(FakeHubSpotType.CONTACTS, id).searchable = true;
        }
    }

    public String createDeal(Map<String, String> properties) {
        return create(FakeHubSpotType.DEALS, properties);
    }

    /** Edits a deal as a user would (moving its stage, say): no request counted. */
    public void updateDeal(String id, Map<String, String> properties) {
        synchronized (lock) {
            store.update(existing(FakeHubSpotType.DEALS, id), properties);
        }
    }

    /** Associates a deal with a contact or a company (both directions), as a user would in HubSpot. */
    public void associateDeal(String dealId, String objectType, String objectId) {
        FakeHubSpotType to = FakeHubSpotType.fromPath(objectType)
                .orElseThrow(() -> new IllegalArgumentException("unknown object type " + objectType));
        synchronized (lock) {
            existing(FakeHubSpotType.DEALS, dealId);
            existing(to, objectId);
            associations.associate(FakeHubSpotType.DEALS, dealId, to, objectId);
        }
    }

    /**
     * Associates a deal with a company as its primary company (HubSpot's association type 5, shown beside the
     * plain deal-to-company type 341); a deal has one primary company, so an earlier one stays a plain association.
     */
    public void associateDealWithPrimaryCompany(String dealId, String companyId) {
        synchronized (lock) {
            existing(FakeHubSpotType.DEALS, dealId);
            existing(FakeHubSpotType.COMPANIES, companyId);
            associations.associatePrimaryCompany(dealId, companyId);
        }
    }

    /** Adds a user to the portal (Users API, {@code GET /settings/v3/users/{id}}); returns the user's id. */
    public String addUser(String email) {
        synchronized (lock) {
            return users.add(email);
        }
    }

    /** Edits a contact as a user would in HubSpot: no request counted; an empty value clears the property. */
    public void updateContact(String id, Map<String, String> properties) {
        synchronized (lock) {
            store.update(existing(FakeHubSpotType.CONTACTS, id), properties);
        }
    }

    /** A copy of the contact's current property values. */
    public Map<String, String> contact(String id) {
        synchronized (lock) {
            return new HashMap<>(existing(FakeHubSpotType.CONTACTS, id).values);
        }
    }

    public Map<String, String> deal(String id) {
        synchronized (lock) {
            return new HashMap<>(existing(FakeHubSpotType.DEALS, id).values);
        }
    }

    /** Whether the property is defined; objectType as in a path: contacts, companies, deals (or 0-1, 0-2, 0-3). */
    public boolean hasProperty(String objectType, String name) {
        synchronized (lock) {
            return schema.hasProperty(type(objectType), name);
        }
    }

    public boolean hasPropertyGroup(String objectType, String name) {
        synchronized (lock) {
            return schema.hasGroup(type(objectType), name);
        }
    }

    /**
     * A call to create properties that reached the Properties API: on which object type ({@code contacts}, say), by
     * the batch endpoint or the single one, with how many inputs.
     */
    public record PropertyCreateCall(String objectType, boolean batch, int inputs) {
    }

    /** Every call to create properties, single or batch, whatever HubSpot answered, in order. */
    public List<PropertyCreateCall> propertyCreateCalls() {
        synchronized (lock) {
            return List.copyOf(schema.createCalls);
        }
    }

    /** The number of inputs of each accepted (200/207) batch/update call, in order. */
    public List<Integer> batchUpdateSizes() {
        synchronized (lock) {
            return List.copyOf(objects.batchUpdateSizes);
        }
    }

    /** The number of inputs of each accepted (200/207) batch/read call, in order. */
    public List<Integer> batchReadSizes() {
        synchronized (lock) {
            return List.copyOf(objects.batchReadSizes);
        }
    }

    /**
     * The number of results a search can page through; 10,000 as in HubSpot. A smaller window lets a test pass it
     * with a few hundred records.
     */
    public void setSearchResultWindow(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        synchronized (lock) {
            objects.searchWindow = window;
        }
    }

    /** Every search request that reached the objects API (authenticated, within the rate limit), in order. */
    public List<Search> searches() {
        synchronized (lock) {
            return List.copyOf(objects.searches);
        }
    }

    /**
     * A search as received: when, on which object type, its limit, its after cursor (null for the first page) and
     * its body (JSON text).
     */
    public record Search(Instant at, String objectType, int limit, String after, String body) {

        /** The value of the body's first filter on that property, or null when it has none. */
        public String filterValue(String propertyName) {
            try {
                for (JsonNode group : FakeJson.MAPPER.readTree(body).path("filterGroups")) {
                    for (JsonNode filter : group.path("filters")) {
                        if (propertyName.equals(filter.path("propertyName").asText())) {
                            return filter.path("value").asText(null);
                        }
                    }
                }
                return null;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Called, under the fake's lock, with the object type and the ids of the records each accepted batch
     * update changed, before the reply goes out; load measurements time CRM writes with it. Keep it short.
     */
    public void onBatchUpdate(BiConsumer<String, List<String>> listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (lock) {
            objects.batchUpdateListener = listener;
        }
    }

    /**
     * Called, under the fake's lock, with the object type and the ids of the records each batch read found; load
     * measurements time how long an event waited before the connector read its record. Keep it short.
     */
    public void onBatchRead(BiConsumer<String, List<String>> listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (lock) {
            objects.batchReadListener = listener;
        }
    }

    /**
     * Takes a scope away from the private app, as an admin who never granted it; for now only object reads
     * ({@code crm.objects.companies.read}, say), user reads ({@code settings.users.read}) and the creation of
     * properties and groups ({@code crm.schemas.contacts.write}, say) are checked: they answer 403
     * {@code MISSING_SCOPES}.
     */
    public void revokeScope(String scope) {
        synchronized (lock) {
            router.revokedScopes.add(scope);
        }
    }

    /** Gives back a scope {@link #revokeScope} took away. */
    public void grantScope(String scope) {
        synchronized (lock) {
            router.revokedScopes.remove(scope);
        }
    }

    /** How many 429s were answered. */
    public int rateLimitedCount() {
        synchronized (lock) {
            return router.rateLimitedCount;
        }
    }

    /** API requests (under /crm/ and /settings/) answered, whatever their status. */
    public int requestCount() {
        synchronized (lock) {
            return router.injections.requestCount;
        }
    }

    /** The next n authenticated requests within the rate limit get that status, an INTERNAL_ERROR body and no effect. */
    public void failNextRequests(int n, int status) {
        synchronized (lock) {
            router.injections.failNext(n, status);
        }
    }

    /**
     * From now on the share {@code rate} of API requests within the rate limit fails, spread evenly (where in each
     * run of requests drawn from the {@code seed}), the kinds of failure in turn: a 5xx (500, 502, 503, 504); a 429
     * {@code TEN_SECONDLY_ROLLING} with HubSpot's body and headers; a connection reset; or a late answer after
     * {@code slowAnswer}. A 5xx, a 429 and a reset have no effect (the reset comes before the request is
     * handled); a late answer has its effect at once, so a client that gives up on it and sends the same
     * write again has it applied twice, which {@link #appliedUpdates} shows.
     */
    public void injectFaults(long seed, double rate, Duration slowAnswer) {
        injectFaults(seed, rate, slowAnswer, false);
    }

    /** As {@link #injectFaults(long, double, Duration)}; with {@code recordsOnly}, only reads and writes of records fail. */
    public void injectFaults(long seed, double rate, Duration slowAnswer, boolean recordsOnly) {
        injectFaults(seed, rate, slowAnswer, FakeHubSpotRateLimiter.HUBSPOT_WINDOW, recordsOnly);
    }

    /**
     * As {@link #injectFaults(long, double, Duration, boolean)}, the 429s naming {@code rateLimitWait} as their
     * interval ({@code X-HubSpot-RateLimit-Interval-Milliseconds}) instead of HubSpot's 10 s: a short run keeps the
     * fault and the client's waiting it out, without most of the wait.
     */
    public void injectFaults(long seed, double rate, Duration slowAnswer, Duration rateLimitWait, boolean recordsOnly) {
        synchronized (lock) {
            router.faults.start(seed, rate, slowAnswer, rateLimitWait, recordsOnly);
        }
    }

    public void stopFaults() {
        synchronized (lock) {
            router.faults.stop();
        }
    }

    /** How many faults of each kind ({@code SERVER_ERROR}, {@code RATE_LIMITED}, {@code CONNECTION_RESET}, {@code SLOW}) were injected. */
    public Map<String, Integer> injectedFaults() {
        synchronized (lock) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            router.faults.injected().forEach((kind, n) -> counts.put(kind.name(), n));
            return counts;
        }
    }

    /**
     * The properties of each batch-update input applied to that record, in order ({@code objectType} as in a
     * path: contacts, deals). Refused calls and injected failures without effect add nothing.
     */
    public List<Map<String, String>> appliedUpdates(String objectType, String id) {
        synchronized (lock) {
            return new ArrayList<>(objects.appliedUpdates.getOrDefault(type(objectType).pathName() + "/" + id, List.of()));
        }
    }

    private String create(FakeHubSpotType type, Map<String, String> properties) {
        synchronized (lock) {
            return store.create(type, properties).id;
        }
    }

    private Record existing(FakeHubSpotType type, String id) {
        Record record = store.find(type, id);
        if (record == null) {
            throw new IllegalArgumentException("the fake HubSpot has no " + type.pathName() + " record " + id);
        }
        return record;
    }

    private static FakeHubSpotType type(String objectType) {
        return FakeHubSpotType.fromPath(objectType)
                .orElseThrow(() -> new IllegalArgumentException("unknown object type " + objectType));
    }
}
