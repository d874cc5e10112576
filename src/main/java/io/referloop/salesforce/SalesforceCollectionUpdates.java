package io.referloop.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.referloop.crm.CrmAdapter.WriteFailure;
import io.referloop.outbox.CrmWrite;
import io.referloop.outbox.CrmWriteBatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Salesforce's side of writing back, through sObject Collections: at most 200 records per call,
 * {@code allOrNone=false}, and each record's own result handled on its own (a refused record fails alone, with
 * Salesforce's reason). An exhausted org API limit (REQUEST_LIMIT_EXCEEDED) waits an hour.
 */
final class SalesforceCollectionUpdates {

    static final int BATCH_LIMIT = 200;

    private final SalesforceClient client;
    private final ObjectMapper json;

    SalesforceCollectionUpdates(SalesforceClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    List<CrmWriteBatch> batches(List<CrmWrite> due) {
        return CrmWriteBatch.of(due, BATCH_LIMIT);
    }

    Map<String, String> write(CrmWriteBatch batch) {
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

    WriteFailure failed(RuntimeException failure) {
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
}
