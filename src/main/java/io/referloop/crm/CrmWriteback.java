package io.referloop.crm;

import io.referloop.outbox.CrmWrite;
import io.referloop.outbox.CrmWriteBatch;
import io.referloop.outbox.CrmWriteOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Drains one CRM's part of the CRM-write outbox, the same for every CRM: due rows, oldest first, go out in the
 * CRM's batches (writes to one record merged, the latest value winning); each record the CRM wrote is SENT, each it
 * refused FAILED with its reason, and a call that failed as a whole is retried, postponed or failed as the CRM's
 * adapter says.
 */
public final class CrmWriteback {

    private static final Logger log = LoggerFactory.getLogger(CrmWriteback.class);
    private static final int ROWS_PER_PAGE = 2000;

    private final CrmAdapter crm;
    private final CrmWriteOutbox outbox;
    private final ReentrantLock flushing = new ReentrantLock();

    public CrmWriteback(CrmAdapter crm, CrmWriteOutbox outbox) {
        this.crm = crm;
        this.outbox = outbox;
    }

    /**
     * Sends what is due; returns the number of records written. A full page is followed by the next one at once
     * (up to the adapter's pages per run): waiting for the next timer tick would leave the quota idle while a
     * backlog drains.
     */
    public int flush() {
        if (!crm.writesEnabled() || !flushing.tryLock()) {
            // a timer and an inbox route may both flush; one at a time, or a row could be sent twice
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
        for (int page = 0; page < crm.writePagesPerRun(); page++) {
            List<CrmWrite> due = outbox.due(crm.crm(), ROWS_PER_PAGE);
            if (due.isEmpty()) {
                return written;
            }
            try {
                crm.prepareWrites();
            } catch (RuntimeException e) {
                log.warn("{} is not ready for writes yet, they wait: {}", crm.crm(), e.getMessage());
                outbox.retryLater(due, e.getMessage(), Duration.ofSeconds(30));
                return written;
            }
            for (CrmWriteBatch batch : crm.writeBatches(due)) {
                written += send(batch);
            }
            if (due.size() < ROWS_PER_PAGE) {
                return written;
            }
        }
        return written;
    }

    private int send(CrmWriteBatch batch) {
        Map<String, String> refused;
        try {
            refused = crm.write(batch);
        } catch (RuntimeException e) {
            CrmAdapter.WriteFailure failure = crm.writeFailed(e, batch);
            if (failure == null) {
                throw e;
            }
            failed(batch, failure);
            return 0;
        }
        List<CrmWrite> sent = new ArrayList<>();
        Map<String, List<CrmWrite>> failedByReason = new LinkedHashMap<>();
        for (CrmWrite row : batch.rows()) {
            String reason = refused.get(row.objectId());
            if (reason == null) {
                sent.add(row);
            } else {
                failedByReason.computeIfAbsent(reason, r -> new ArrayList<>()).add(row);
            }
        }
        outbox.markSent(sent);
        failedByReason.forEach((reason, rows) -> outbox.markFailed(rows, reason));
        return batch.merged().size() - refused.size();
    }

    private void failed(CrmWriteBatch batch, CrmAdapter.WriteFailure failure) {
        switch (failure.kind()) {
            case RETRY -> outbox.retryLater(batch.rows(), failure.reason(), failure.delay());
            case POSTPONE -> outbox.postpone(batch.rows(), failure.reason(), failure.delay());
            case REFUSED -> {
                log.error("{} refused a batch of {} updates: {}", crm.crm(), batch.merged().size(), failure.reason());
                outbox.markFailed(batch.rows(), failure.reason());
            }
        }
    }
}
