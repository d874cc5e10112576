package io.referloop.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.referloop.outbox.CrmWrite;
import io.referloop.outbox.CrmWriteBatch;
import io.referloop.outbox.CrmWriteOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drains the Salesforce part of the CRM-write outbox (route {@code salesforce-writeback}) through
 * sObject Collections: at most 200 records per call, {@code allOrNone=false}, and each record's own
 * result handled on its own (a refused record fails alone, with Salesforce's reason). An exhausted
 * org API limit (REQUEST_LIMIT_EXCEEDED) waits an hour.
 */
@Component("salesforceWriteback")
public class SalesforceWriteback {

    public static final int BATCH_LIMIT = 200;
    private static final Logger log = LoggerFactory.getLogger(SalesforceWriteback.class);

    private final SalesforceClient client;
    private final CrmWriteOutbox outbox;
    private final ObjectMapper json;

    SalesforceWriteback(SalesforceClient client, CrmWriteOutbox outbox, ObjectMapper json) {
        this.client = client;
        this.outbox = outbox;
        this.json = json;
    }

    public int flush() {
        if (!client.enabled()) {
            return 0;
        }
        List<CrmWrite> due = outbox.due(SalesforceInbox.CRM, 2000);
        int written = 0;
        for (CrmWriteBatch batch : CrmWriteBatch.of(due, BATCH_LIMIT)) {
            written += send(batch);
        }
        return written;
    }

    private int send(CrmWriteBatch batch) {
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
        JsonNode results;
        try {
            results = client.updateCollection(body);
        } catch (SalesforceApiException e) {
            if (e.isTransient()) {
                outbox.retryLater(batch.rows(), e.getMessage(), e.isApiLimitExhausted() ? Duration.ofHours(1) : Duration.ofSeconds(30));
            } else {
                log.error("Salesforce refused a batch of {} updates: {}", order.size(), e.getMessage());
                outbox.markFailed(batch.rows(), e.getMessage());
            }
            return 0;
        }
        int written = 0;
        for (int i = 0; i < order.size(); i++) {
            String id = order.get(i);
            JsonNode result = results.path(i);
            List<CrmWrite> rows = batch.rows().stream().filter(w -> w.objectId().equals(id)).toList();
            if (result.path("success").asBoolean(false)) {
                outbox.markSent(rows);
                written++;
            } else {
                outbox.markFailed(rows, errors(result));
            }
        }
        return written;
    }

    private static String errors(JsonNode result) {
        List<String> errors = new ArrayList<>();
        result.path("errors").forEach(e -> errors.add(e.path("statusCode").asText() + ": " + e.path("message").asText()));
        return errors.isEmpty() ? "no result from Salesforce" : String.join("; ", errors);
    }
}
