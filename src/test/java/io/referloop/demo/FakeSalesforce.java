package io.referloop.demo;

import io.referloop.demo.FakeSalesforceSchema.Field;
import io.referloop.demo.FakeSalesforceSchema.SObjectType;
import io.referloop.demo.FakeSalesforceStore.Record;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stateful, in-memory fake of a Salesforce org on WireMock: the OAuth token and revoke endpoints (password,
 * client credentials, refresh token and JWT bearer grants, as camel-salesforce sends them) and the REST API subset
 * the connector uses (SOQL query with paging, describe, sObject Collections update, limits), with bearer
 * authentication, the daily API limit, {@code Sforce-Limit-Info} and Salesforce's error bodies. The login URL and
 * the instance URL are both {@link #baseUrl()}. Used by integration tests and the {@code demo} profile.
 * Thread-safe: one lock guards all state.
 */
public final class FakeSalesforce extends FakeApi<FakeSalesforce> {

    private final FakeSalesforceSchema schema = new FakeSalesforceSchema();
    private final FakeSalesforceStore store = new FakeSalesforceStore();
    private final FakeSalesforceOAuth oauth;
    private final FakeSalesforceRouter router;

    /** A fake on a free port. */
    public FakeSalesforce(String organizationId, String clientId, String clientSecret, String username,
                          String password) {
        this(organizationId, clientId, clientSecret, username, password, 0);
    }

    /** A fake on that port; 0 picks a free one. The organization id must be a 15- or 18-character id. */
    public FakeSalesforce(String organizationId, String clientId, String clientSecret, String username,
                          String password, int port) {
        super("the fake Salesforce", "", port);
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (!FakeSalesforceJson.isId(organizationId)) {
            throw new IllegalArgumentException("organizationId must be a 15- or 18-character Salesforce id (such as "
                    + "00Dxx0000000001EAA), was " + organizationId);
        }
        this.oauth = new FakeSalesforceOAuth(FakeSalesforceJson.normalizeId(organizationId), clientId, clientSecret,
                username, password, this::baseUrl);
        this.router = new FakeSalesforceRouter(lock, oauth, schema, store);
    }

    @Override
    FakeSalesforceRouter router() {
        return router;
    }

    /**
     * Creates a record as a user would in Salesforce: no API call counted; Id, CreatedDate, LastModifiedDate and
     * SystemModstamp are set (now, to the second, as Salesforce stores them). Unknown types or fields, system fields
     * and wrongly typed values are refused. Date-times may be given as Instant, OffsetDateTime or ISO text; dates as
     * LocalDate or yyyy-MM-dd.
     */
    public String createRecord(String type, Map<String, Object> fields) {
        synchronized (lock) {
            SObjectType sObjectType = type(type);
            return store.create(sObjectType, values(sObjectType, fields)).id;
        }
    }

    /**
     * Creates a record as a transaction that started at {@code transactionStart} and commits now: Salesforce stamps
     * CreatedDate and SystemModstamp with the transaction's start, so the record becomes visible stamped earlier
     * than records other transactions committed meanwhile.
     */
    public String createRecordCommittedLate(String type, Map<String, Object> fields, Instant transactionStart) {
        Objects.requireNonNull(transactionStart, "transactionStart");
        synchronized (lock) {
            SObjectType sObjectType = type(type);
            return store.create(sObjectType, values(sObjectType, fields), transactionStart).id;
        }
    }

    /** Edits a record as a user would: no API call counted; a null value clears; bumps the modification stamps. */
    public void updateRecord(String type, String id, Map<String, Object> fields) {
        synchronized (lock) {
            SObjectType sObjectType = type(type);
            store.update(existing(sObjectType, id), values(sObjectType, fields));
        }
    }

    /**
     * A copy of the record's values by field name, Id and audit fields included; an empty field is absent.
     * Date-times are Salesforce-style text ({@code 2026-11-22T10:00:00.000+0000}).
     */
    public Map<String, Object> record(String type, String id) {
        synchronized (lock) {
            return new LinkedHashMap<>(existing(type(type), id).values);
        }
    }

    /** Adds a custom field to the type (describe, query, updates), as a deploy of metadata does; of the kind of {@code like}. */
    public void addField(String type, String field, String like) {
        synchronized (lock) {
            schema.addField(type(type), field, like);
        }
    }

    /** Deletes the field from the type (describe, query, updates) and from every record, as for a missing field. */
    public void removeField(String type, String field) {
        synchronized (lock) {
            SObjectType sObjectType = type(type);
            Field existing = sObjectType.field(field);
            schema.removeField(sObjectType, field);
            store.dropField(sObjectType, existing.name());
        }
    }

    /** Records per query page; 2000 by default, as Salesforce's maximum batch. */
    public void setQueryPageSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("query page size must be positive, was " + n);
        }
        synchronized (lock) {
            router.query.pageSize = n;
        }
    }

    /** While exhausted, every authenticated data API call answers 403 REQUEST_LIMIT_EXCEEDED and is not counted. */
    public void exhaustApiLimit(boolean exhausted) {
        synchronized (lock) {
            router.limitExhausted = exhausted;
        }
    }

    /**
     * Uploads the connected app's certificate: from now on a JWT bearer assertion must be signed (RS256) by its
     * private key. Until then the fake checks the assertion's claims but not its signature.
     */
    public void trustCertificate(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        synchronized (lock) {
            oauth.certificate = certificate;
        }
    }

    /** Invalidates every access token issued so far: the next data call answers 401 INVALID_SESSION_ID. */
    public void expireSessions() {
        synchronized (lock) {
            oauth.expireAll();
        }
    }

    /** The number of records of each accepted (200) sObject Collections update call, in order. */
    public List<Integer> collectionSizes() {
        synchronized (lock) {
            return List.copyOf(router.collections.sizes);
        }
    }

    /** Authenticated query calls answered: first pages and nextRecordsUrl pages alike. */
    public int queryRequests() {
        synchronized (lock) {
            return router.queryRequests;
        }
    }

    /** Every first-page SOQL query answered, in order, with the access token (session) that sent it. */
    public List<Query> queries() {
        synchronized (lock) {
            return List.copyOf(router.queries);
        }
    }

    /** A SOQL query as received: the bearer token tells which logged-in client sent it. */
    public record Query(String accessToken, String soql) {
    }

    /** Calls to the token endpoint, successful or not. */
    public int tokenRequests() {
        synchronized (lock) {
            return oauth.tokenRequests;
        }
    }

    /** The grant type of each access token issued, in order: password, client_credentials, refresh_token, JWT bearer. */
    public List<String> grantTypes() {
        synchronized (lock) {
            return List.copyOf(oauth.grantedGrantTypes);
        }
    }

    /** Calls to the revoke endpoint, successful or not. */
    public int revokeRequests() {
        synchronized (lock) {
            return oauth.revokeRequests;
        }
    }

    /** Data API calls counted against the daily limit: authenticated, not refused for the limit, any status. */
    public int apiUsage() {
        synchronized (lock) {
            return router.apiUsage;
        }
    }

    private SObjectType type(String name) {
        SObjectType type = schema.type(name);
        if (type == null) {
            throw new IllegalArgumentException("the fake Salesforce has no sObject type " + name);
        }
        return type;
    }

    private Record existing(SObjectType type, String id) {
        Record record = store.find(type, id);
        if (record == null) {
            throw new IllegalArgumentException("the fake Salesforce has no " + type.name + " record " + id);
        }
        return record;
    }

    private static Map<Field, Object> values(SObjectType type, Map<String, Object> fields) {
        Objects.requireNonNull(fields, "fields");
        Map<Field, Object> values = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            Field field = type.field(name);
            if (field == null) {
                throw new IllegalArgumentException("the fake Salesforce has no field " + type.name + "." + name);
            }
            if (FakeSalesforceSchema.SYSTEM_FIELDS.contains(field.name())) {
                throw new IllegalArgumentException(field.name() + " is set by Salesforce and cannot be written");
            }
            values.put(field, field.coerce(value));
        });
        return values;
    }
}
