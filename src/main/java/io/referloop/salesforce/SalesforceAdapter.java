package io.referloop.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.crm.CrmAdapter;
import io.referloop.outbox.CrmWrite;
import io.referloop.outbox.CrmWriteBatch;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Salesforce for the shared CRM skeleton: Leads, Contacts, Accounts and Opportunities read by SOQL on
 * {@code SystemModstamp}, all pages ({@code nextRecordsUrl}), each record version stored with the fields read.
 * Checkpoints are stored as SOQL datetimes. Writes: {@link SalesforceCollectionUpdates}.
 */
@Component
class SalesforceAdapter implements CrmAdapter {

    private static final DateTimeFormatter SOQL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX");
    private static final DateTimeFormatter SALESFORCE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final SalesforceProperties properties;
    private final SalesforceClient client;
    private final SalesforceReadFields fields;
    private final ObjectMapper json;
    private final SalesforceCollectionUpdates updates;

    SalesforceAdapter(SalesforceProperties properties, SalesforceClient client, SalesforceReadFields fields,
                      ObjectMapper json) {
        this.properties = properties;
        this.client = client;
        this.fields = fields;
        this.json = json;
        this.updates = new SalesforceCollectionUpdates(client, json);
    }

    @Override
    public String crm() {
        return SalesforceInbox.CRM;
    }

    @Override
    public PollSettings polling() {
        return new PollSettings(properties.apiEnabled(), properties.pollInterval(), properties.pollOverlap());
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
                    SalesforceRecordVersion.versionKey(object, id, stamp, record), "poll:" + object,
                    SalesforceRecordVersion.payload(json, object, record)));
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
    public int writeBatchLimit() {
        return SalesforceCollectionUpdates.BATCH_LIMIT;
    }

    @Override
    public List<CrmWriteBatch> writeBatches(List<CrmWrite> due) {
        return updates.batches(due);
    }

    @Override
    public Map<String, String> write(CrmWriteBatch batch) {
        return updates.write(batch);
    }

    @Override
    public WriteFailure writeFailed(RuntimeException failure, CrmWriteBatch batch) {
        return updates.failed(failure);
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
