package io.referloop.hubspot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.referloop.crm.CrmAdapter;
import io.referloop.ingest.InboxBacklog;
import io.referloop.outbox.CrmWrite;
import io.referloop.outbox.CrmWriteBatch;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * HubSpot for the shared CRM skeleton: contacts and deals found with the search API by
 * {@code hs_lastmodifieddate}, HubSpot's clock in epoch milliseconds (also the stored checkpoints' form), each
 * change stored as a {@code contact.propertyChange} / {@code deal.propertyChange} event, the shape of a webhook's.
 * HubSpot's search stops at 10,000 results, so a poll pages no further than that. Writes:
 * {@link HubSpotBatchUpdates}.
 */
@Component
class HubSpotAdapter implements CrmAdapter {

    static final String MODIFIED = "hs_lastmodifieddate";
    static final int SEARCH_WINDOW = 10_000;
    /** A bound on one flush, so a write that keeps coming due cannot hold the route forever. */
    private static final int WRITE_PAGES_PER_RUN = 50;
    private static final Map<String, String> EVENT_PREFIXES = Map.of("contacts", "contact", "deals", "deal");

    private final HubSpotProperties properties;
    private final HubSpotClient client;
    private final HubSpotBatchUpdates updates;
    private final ObjectMapper json;
    private final int searchWindow;
    private final InboxBacklog backlog;

    @Autowired
    HubSpotAdapter(HubSpotProperties properties, HubSpotClient client, HubSpotPropertyProvisioner provisioner,
                   ObjectMapper json, InboxBacklog backlog) {
        this(properties, client, provisioner, json, SEARCH_WINDOW, backlog);
    }

    HubSpotAdapter(HubSpotProperties properties, HubSpotClient client, HubSpotPropertyProvisioner provisioner,
                   ObjectMapper json, int searchWindow) {
        this(properties, client, provisioner, json, searchWindow, null);
    }

    /** {@code searchWindow}: the results one search can page through (HubSpot's 10,000; smaller in tests). */
    HubSpotAdapter(HubSpotProperties properties, HubSpotClient client, HubSpotPropertyProvisioner provisioner,
                   ObjectMapper json, int searchWindow, InboxBacklog backlog) {
        this.backlog = backlog;
        this.properties = properties;
        this.client = client;
        this.updates = new HubSpotBatchUpdates(client, provisioner, properties.retry());
        this.json = json;
        this.searchWindow = searchWindow;
    }

    @Override
    public String crm() {
        return HubSpotWritebackListener.CRM;
    }

    @Override
    public PollSettings polling() {
        return new PollSettings(properties.pollingEnabled(), properties.pollInterval(), properties.pollOverlap());
    }

    @Override
    public List<String> polledObjects() {
        return List.of("contacts", "deals");
    }

    @Override
    public Instant newestChange(String object) {
        return Instant.ofEpochMilli(client.newest(object, MODIFIED).map(o -> modifiedAt(o, 0)).orElse(0L));
    }

    @Override
    public PollPage pollPage(String object, Instant checkpoint, Instant from, String cursor) {
        HubSpotClient.SearchPage page = client.searchModifiedSince(object, MODIFIED, from.toEpochMilli(), List.of(), cursor);
        String prefix = EVENT_PREFIXES.get(object);
        List<Change> changes = page.results().stream().map(found -> {
            long modified = modifiedAt(found, checkpoint.toEpochMilli());
            return new Change(found.id(), Instant.ofEpochMilli(modified), "poll:" + object + ":" + found.id() + ":" + modified,
                    prefix + ".propertyChange", event(prefix, found.id(), modified));
        }).toList();
        return new PollPage(changes, page.results().isEmpty() ? null : page.after());
    }

    @Override
    public boolean canPageOn(int seen) {
        return seen + HubSpotClient.SEARCH_PAGE <= searchWindow;
    }

    @Override
    public String checkpoint(Instant at) {
        return Long.toString(at.toEpochMilli());
    }

    @Override
    public Instant checkpointAt(String stored) {
        return Instant.ofEpochMilli(Long.parseLong(stored));
    }

    @Override
    public boolean stopsPoll(RuntimeException failure) {
        return failure instanceof HubSpotApiException || failure instanceof CallNotPermittedException;
    }

    @Override
    public boolean writesEnabled() {
        return client.enabled();
    }

    @Override
    public int writePagesPerRun() {
        return WRITE_PAGES_PER_RUN;
    }

    @Override
    public int writeBatchLimit() {
        return HubSpotClient.BATCH_LIMIT;
    }

    /**
     * While a burst waits in the inbox: at least one batch read's worth of events still to decide, which will
     * write at least a batch's worth of records. At a steady rate the inbox holds fewer, and batches go out at once.
     */
    @Override
    public boolean worthFillingBatches() {
        return backlog != null && backlog.atLeast(crm(), HubSpotClient.BATCH_LIMIT);
    }

    @Override
    public List<CrmWriteBatch> writeBatches(List<CrmWrite> due) {
        return updates.batches(due);
    }

    @Override
    public void prepareWrites() {
        updates.prepare();
    }

    @Override
    public Map<String, String> write(CrmWriteBatch batch) {
        return updates.write(batch);
    }

    @Override
    public WriteFailure writeFailed(RuntimeException failure, CrmWriteBatch batch) {
        return updates.failed(failure, batch);
    }

    private String event(String prefix, String id, long modified) {
        ObjectNode node = json.createObjectNode();
        node.put("subscriptionType", prefix + ".propertyChange");
        node.put("objectId", id);
        node.put("occurredAt", modified);
        node.put("changeSource", "REFERLOOP_POLL");
        return node.toString();
    }

    private static long modifiedAt(HubSpotObject object, long fallback) {
        String value = object.properties().get(MODIFIED);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Instant.parse(value.trim()).toEpochMilli();
        }
    }
}
