package io.referloop.hubspot;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
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
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Drains the HubSpot part of the CRM-write outbox: writes to one record are merged (latest value
 * wins), then sent as batch updates of at most 100 records. Called by the route {@code hubspot-writeback}.
 */
@Component("hubSpotWriteback")
public class HubSpotWriteback {

    private static final Logger log = LoggerFactory.getLogger(HubSpotWriteback.class);
    private static final int ROWS_PER_RUN = 2000;
    /** A bound on one run, so a write that keeps coming due cannot hold the route forever. */
    private static final int MAX_PAGES_PER_RUN = 50;

    private final HubSpotClient client;
    private final HubSpotPropertyProvisioner provisioner;
    private final CrmWriteOutbox outbox;
    private final ReentrantLock flushing = new ReentrantLock();

    HubSpotWriteback(HubSpotClient client, HubSpotPropertyProvisioner provisioner, CrmWriteOutbox outbox) {
        this.client = client;
        this.provisioner = provisioner;
        this.outbox = outbox;
    }

    /**
     * Sends what is due; returns the number of records written. A full page is followed by the next one at
     * once: waiting for the next timer tick between pages would leave the quota idle while a backlog drains.
     */
    public int flush() {
        if (!client.enabled() || !flushing.tryLock()) {
            // the timer and the inbox route both flush; one at a time, or a row could be sent twice
            return 0;
        }
        try {
            return flushPages();
        } finally {
            flushing.unlock();
        }
    }

    private int flushPages() {
        int written = 0;
        for (int page = 0; page < MAX_PAGES_PER_RUN; page++) {
            List<CrmWrite> due = outbox.due(HubSpotWritebackListener.CRM, ROWS_PER_RUN);
            if (due.isEmpty()) {
                return written;
            }
            try {
                provisioner.ensure();
            } catch (RuntimeException e) {
                log.warn("HubSpot properties could not be checked yet, writes wait: {}", e.getMessage());
                outbox.retryLater(due, e.getMessage(), Duration.ofSeconds(30));
                return written;
            }
            Map<String, List<CrmWrite>> byType = new LinkedHashMap<>();
            due.forEach(w -> byType.computeIfAbsent(w.objectType(), t -> new ArrayList<>()).add(w));
            for (Map.Entry<String, List<CrmWrite>> type : byType.entrySet()) {
                for (CrmWriteBatch batch : CrmWriteBatch.of(type.getValue(), HubSpotClient.BATCH_LIMIT)) {
                    written += send(type.getKey(), batch);
                }
            }
            if (due.size() < ROWS_PER_RUN) {
                return written;
            }
        }
        return written;
    }

    private int send(String objectType, CrmWriteBatch batch) {
        try {
            Set<String> missing = client.batchUpdate(objectType, batch.merged());
            List<CrmWrite> sent = new ArrayList<>();
            List<CrmWrite> gone = new ArrayList<>();
            batch.rows().forEach(w -> (missing.contains(w.objectId()) ? gone : sent).add(w));
            outbox.markSent(sent);
            if (!gone.isEmpty()) {
                outbox.markFailed(gone, "HubSpot has no such " + objectType + " record (deleted or merged)");
            }
            return batch.merged().size() - missing.size();
        } catch (HubSpotApiException e) {
            if (e.isTransient()) {
                outbox.retryLater(batch.rows(), e.getMessage(), backoff(batch, e));
            } else {
                log.error("HubSpot refused a batch of {} {} updates: {}", batch.merged().size(), objectType, e.getMessage());
                outbox.markFailed(batch.rows(), e.getMessage());
            }
        } catch (CallNotPermittedException e) {
            outbox.postpone(batch.rows(), "HubSpot circuit breaker open", Duration.ofSeconds(5));
        }
        return 0;
    }

    private static Duration backoff(CrmWriteBatch batch, HubSpotApiException e) {
        if (e.retryAfterMillis() > 0) {
            return Duration.ofMillis(e.retryAfterMillis());
        }
        int attempts = batch.rows().stream().mapToInt(CrmWrite::attempts).max().orElse(0);
        return Duration.ofSeconds(Math.min(600, 5L << Math.min(7, attempts)));
    }
}
