package io.referloop.outbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Up to {@code limit} distinct records (HubSpot 100, Salesforce 200), with the outbox rows merged into
 * them: writes to one record collapse into one input, the latest value of each field winning.
 */
public record CrmWriteBatch(Map<String, Map<String, String>> merged, List<CrmWrite> rows) {

    public static List<CrmWriteBatch> of(List<CrmWrite> writes, int limit) {
        List<CrmWriteBatch> batches = new ArrayList<>();
        CrmWriteBatch current = new CrmWriteBatch(new LinkedHashMap<>(), new ArrayList<>());
        for (CrmWrite w : writes) {
            if (!current.merged.containsKey(w.objectId()) && current.merged.size() == limit) {
                batches.add(current);
                current = new CrmWriteBatch(new LinkedHashMap<>(), new ArrayList<>());
            }
            current.merged.computeIfAbsent(w.objectId(), id -> new LinkedHashMap<>()).putAll(w.properties());
            current.rows.add(w);
        }
        if (!current.rows.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
