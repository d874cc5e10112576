package io.referloop.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.referloop.crm.CrmAdapter;
import io.referloop.outbox.CrmWrite;
import io.referloop.outbox.CrmWriteBatch;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Salesforce for the shared CRM skeleton: Leads, Contacts, Accounts and Opportunities read by SOQL on
 * {@code SystemModstamp}, all pages ({@code nextRecordsUrl}), each record version stored with the fields read.
 * Checkpoints are stored as SOQL datetimes. Writes go through sObject Collections: at most 200 records per call,
 * {@code allOrNone=false}, and each record's own result handled on its own (a refused record fails alone, with
 * Salesforce's reason). An exhausted org API limit (REQUEST_LIMIT_EXCEEDED) waits an hour.
 */
@Component
class SalesforceAdapter implements CrmAdapter {

    static final int BATCH_LIMIT = 200;

    private static final DateTimeFormatter SOQL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX");
    private static final DateTimeFormatter SALESFORCE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final SalesforceProperties properties;
    private final SalesforceClient client;
    private final SalesforceReadFields fields;
    private final ObjectMapper json;

    SalesforceAdapter(SalesforceProperties properties, SalesforceClient client, SalesforceReadFields fields,
                      ObjectMapper json) {
        this.properties = properties;
        this.client = client;
        this.fields = fields;
        this.json = json;
    }

    @Override
    public String crm() {
        return SalesforceInbox.CRM;
    }

    @Override
    public boolean pollingEnabled() {
        return properties.apiEnabled();
    }

    @Override
    public Duration pollInterval() {
        return properties.pollInterval();
    }

    @Override
    public Duration pollOverlap() {
        return properties.pollOverlap();
    }

    @Override
    public List<String> polledObjects() {
        return SalesforceReadFields.OBJECTS;
    }

    @Override
    public Instant newestChange(String object) {
        JsonNode newest = client.query("SELECT SystemModstamp FROM " + object + " ORDER BY SystemModstamp DESC LIMIT 1")
                .path("records").path(0).path("SystemModstamp");
        return newest.isTextual() ? later(Instant.EPOCH, newest.asText()) : Instant.EPOCH;
    }

    /** SystemModstamp is the transaction's start, to the second: records can turn up late, hence the overlap. */
    @Override
    public PollPage pollPage(String object, Instant checkpoint, Instant from, String cursor) {
        JsonNode page = cursor == null
                ? client.query("SELECT " + String.join(", ", fields.of(object)) + " FROM " + object
                        + " WHERE SystemModstamp >= " + checkpoint(from) + " ORDER BY SystemModstamp, Id")
                : client.next(cursor);
        List<Change> changes = new ArrayList<>();
        for (JsonNode record : page.path("records")) {
            String id = record.path("Id").asText();
            String stamp = record.path("SystemModstamp").asText();
            Instant modified = later(Instant.EPOCH, stamp);
            changes.add(new Change(id, modified.equals(Instant.EPOCH) ? null : modified,
                    versionKey(object, id, stamp, record), "poll:" + object, payload(object, record)));
        }
        boolean last = page.path("done").asBoolean(true) || !page.hasNonNull("nextRecordsUrl");
        return new PollPage(changes, last ? null : page.get("nextRecordsUrl").asText());
    }

    /** SOQL wants {@code 2026-11-22T10:00:00.000Z}; checkpoints are stored in that form too. */
    @Override
    public String checkpoint(Instant at) {
        return SOQL.format(at.atOffset(ZoneOffset.UTC));
    }

    @Override
    public Instant checkpointAt(String stored) {
        return OffsetDateTime.parse(stored, SOQL).toInstant();
    }

    @Override
    public boolean stopsPoll(RuntimeException failure) {
        return failure instanceof SalesforceApiException;
    }

    @Override
    public boolean writesEnabled() {
        return client.enabled();
    }

    @Override
    public int writePagesPerRun() {
        return 1;
    }

    @Override
    public List<CrmWriteBatch> writeBatches(List<CrmWrite> due) {
        return CrmWriteBatch.of(due, BATCH_LIMIT);
    }

    @Override
    public Map<String, String> write(CrmWriteBatch batch) {
        Map<String, String> types = new LinkedHashMap<>();
        batch.rows().forEach(w -> types.put(w.objectId(), w.objectType()));
        ObjectNode body = json.createObjectNode().put("allOrNone", false);
        ArrayNode records = body.putArray("records");
        List<String> order = new ArrayList<>(batch.merged().keySet());
        for (String id : order) {
            ObjectNode record = records.addObject();
            record.putObject("attributes").put("type", types.get(id));
            record.put("id", id);
            batch.merged().get(id).forEach(record::put);
        }
        JsonNode results = client.updateCollection(body);
        Map<String, String> refused = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            if (!results.path(i).path("success").asBoolean(false)) {
                refused.put(order.get(i), errors(results.path(i)));
            }
        }
        return refused;
    }

    @Override
    public WriteFailure writeFailed(RuntimeException failure, CrmWriteBatch batch) {
        if (!(failure instanceof SalesforceApiException e)) {
            return null;
        }
        return e.isTransient()
                ? WriteFailure.retry(e.getMessage(), e.isApiLimitExhausted() ? Duration.ofHours(1) : Duration.ofSeconds(30))
                : WriteFailure.refused(e.getMessage());
    }

    private static String errors(JsonNode result) {
        List<String> errors = new ArrayList<>();
        result.path("errors").forEach(e -> errors.add(e.path("statusCode").asText() + ": " + e.path("message").asText()));
        return errors.isEmpty() ? "no result from Salesforce" : String.join("; ", errors);
    }

    /**
     * One inbox row per record version. Salesforce stamps to the second, so two versions written within one
     * second share a stamp: the digest of the fields read tells them apart, and a re-read of an unchanged
     * version gives the same key (a duplicate, stored once). The fields are digested in name order: the order
     * they are selected and returned in differs from one run of the connector to the next.
     */
    static String versionKey(String object, String id, String stamp, JsonNode record) {
        Map<String, String> fields = new TreeMap<>();
        record.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("attributes")) {
                fields.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().toString() : "null");
            }
        });
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(fields.toString().getBytes(StandardCharsets.UTF_8));
            return "poll:" + object + ":" + id + ":" + stamp + ":"
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String payload(String object, JsonNode record) {
        ObjectNode payload = json.createObjectNode();
        payload.put("objectType", object);
        ObjectNode fields = payload.putObject("fields");
        record.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("attributes")) {
                fields.set(e.getKey(), e.getValue().isValueNode() ? e.getValue() : json.getNodeFactory().nullNode());
            }
        });
        return payload.toString();
    }

    /** The later of a known instant and a stamp as Salesforce returns it ({@code 2026-11-22T10:00:00.000+0000}). */
    private static Instant later(Instant known, String stamp) {
        try {
            Instant at = OffsetDateTime.parse(stamp, SALESFORCE).toInstant();
            return at.isAfter(known) ? at : known;
        } catch (RuntimeException e) {
            return known;
        }
    }
}
