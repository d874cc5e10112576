package io.referloop.outbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Up to {@code limit} distinct records (HubSpot 100, Salesforce 200), with the outbox rows merged into
 * them: writes to one record collapse into one input, the latest value of each field winning.
 */
public record CrmWriteBatch(Map<String, Map<String, String>> merged, List<CrmWrite> rows) {

    /**
     * Batches formed by record, not by row: every row of a record joins the batch its first row opened, so a record
     * written many times (an advocate's counters, once per referral) is one input of one call, and a batch that
     * failed cannot be retried after a later batch wrote the record's newer values.
     */
    public static List<CrmWriteBatch> of(List<CrmWrite> writes, int limit) {
        List<CrmWriteBatch> batches = new ArrayList<>();
        Map<String, CrmWriteBatch> batchOfRecord = new HashMap<>();
        CrmWriteBatch current = null;
        for (CrmWrite w : writes) {
            CrmWriteBatch batch = batchOfRecord.get(w.objectId());
            if (batch == null) {
                if (current == null || current.merged.size() == limit) {
                    current = new CrmWriteBatch(new LinkedHashMap<>(), new ArrayList<>());
                    batches.add(current);
                }
                batch = current;
                batchOfRecord.put(w.objectId(), batch);
            }
            batch.merged.computeIfAbsent(w.objectId(), id -> new LinkedHashMap<>()).putAll(w.properties());
            batch.rows.add(w);
        }
        return batches;
    }
}
