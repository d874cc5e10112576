package io.referloop.hubspot;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.referloop.crm.CrmAdapter.WriteFailure;
import io.referloop.outbox.CrmWrite;
import io.referloop.outbox.CrmWriteBatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HubSpot's side of writing back: batch updates of at most 100 records of one object type, once the connector's
 * properties were checked; a record HubSpot does not have (deleted or merged) fails alone. A refusal or a limit
 * is waited out as HubSpot says ({@code Retry-After}), else with a backoff that grows with the rows' attempts
 * ({@code referloop.hubspot.retry.write-backoff}).
 */
final class HubSpotBatchUpdates {

    private final HubSpotClient client;
    private final HubSpotPropertyProvisioner provisioner;
    private final HubSpotRetryDelays delays;

    HubSpotBatchUpdates(HubSpotClient client, HubSpotPropertyProvisioner provisioner, HubSpotRetryDelays delays) {
        this.client = client;
        this.provisioner = provisioner;
        this.delays = delays;
    }

    /** HubSpot's batch update takes one object type a call. */
    List<CrmWriteBatch> batches(List<CrmWrite> due) {
        Map<String, List<CrmWrite>> byType = new LinkedHashMap<>();
        due.forEach(w -> byType.computeIfAbsent(w.objectType(), t -> new ArrayList<>()).add(w));
        List<CrmWriteBatch> batches = new ArrayList<>();
        byType.values().forEach(rows -> batches.addAll(CrmWriteBatch.of(rows, HubSpotClient.BATCH_LIMIT)));
        return batches;
    }

    void prepare() {
        provisioner.ensure();
    }

    Map<String, String> write(CrmWriteBatch batch) {
        String objectType = batch.rows().get(0).objectType();
        Map<String, String> refused = new LinkedHashMap<>();
        client.batchUpdate(objectType, batch.merged()).forEach(id ->
                refused.put(id, "HubSpot has no such " + objectType + " record (deleted or merged)"));
        return refused;
    }

    WriteFailure failed(RuntimeException failure, CrmWriteBatch batch) {
        if (failure instanceof HubSpotApiException e) {
            return e.isTransient() ? WriteFailure.retry(e.getMessage(), backoff(batch, e)) : WriteFailure.refused(e.getMessage());
        }
        if (failure instanceof CallNotPermittedException) {
            return WriteFailure.postpone("HubSpot circuit breaker open", delays.writeBackoff());
        }
        return null;
    }

    private Duration backoff(CrmWriteBatch batch, HubSpotApiException e) {
        if (e.retryAfterMillis() > 0) {
            return Duration.ofMillis(e.retryAfterMillis());
        }
        return delays.writeBackoffAfter(batch.rows().stream().mapToInt(CrmWrite::attempts).max().orElse(0));
    }
}
