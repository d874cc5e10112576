package io.referloop.crm;

import io.referloop.outbox.CrmWrite;
import io.referloop.outbox.CrmWriteBatch;
import io.referloop.outbox.CrmWriteOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Drains one CRM's part of the CRM-write outbox, the same for every CRM: due rows, oldest first, go out in the
 * CRM's batches (writes to one record merged, the latest value winning); each record the CRM wrote is SENT, each it
 * refused FAILED with its reason, and a call that failed as a whole is retried, postponed or failed as the CRM's
 * adapter says. Batches are formed by record, not by row; while the CRM's quota is the bottleneck and more writes
 * are coming, a batch with room left waits (boundedly) for them, so that no call of the quota goes out half empty.
 */
public final class CrmWriteback {

    private static final Logger log = LoggerFactory.getLogger(CrmWriteback.class);
    private static final int ROWS_PER_PAGE = 2000;

    private final CrmAdapter crm;
    private final CrmWriteOutbox outbox;
    private final Clock clock;
    private final Duration batchWait;
    private final ReentrantLock flushing = new ReentrantLock();
    /** Since when the batches with room left, whose oldest row is {@link #heldOldestRow}, have been held back. */
    private Instant holdingSince;
    private long heldOldestRow;

    public CrmWriteback(CrmAdapter crm, CrmWriteOutbox outbox) {
        this(crm, outbox, Clock.systemUTC(), Duration.ZERO);
    }

    /**
     * {@code batchWait}: how long a batch with room left may be held back while the CRM says it is worth filling
     * ({@link CrmAdapter#worthFillingBatches}); zero sends every batch at once.
     */
    public CrmWriteback(CrmAdapter crm, CrmWriteOutbox outbox, Clock clock, Duration batchWait) {
        this.crm = crm;
        this.outbox = outbox;
        this.clock = clock;
        this.batchWait = batchWait;
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
            boolean lastPage = due.size() < ROWS_PER_PAGE;
            List<CrmWriteBatch> batches = crm.writeBatches(due);
            List<CrmWriteBatch> full = batches.stream().filter(b -> b.merged().size() >= crm.writeBatchLimit()).toList();
            // a full page whose batches all have room left (a few records written many times) goes out as it is:
            // held, the next page would start with the same rows
            boolean hold = (lastPage || !full.isEmpty()) && full.size() < batches.size()
                    && holdPartial(oldestRow(batches.stream().filter(b -> !full.contains(b)).toList()));
            for (CrmWriteBatch batch : hold ? full : batches) {
                written += send(batch);
            }
            if (!hold) {
                holdingSince = null;
            }
            if (lastPage) {
                return written;
            }
        }
        return written;
    }

    /**
     * Whether batches with room left wait for the records about to come: only while the CRM says they are worth
     * filling (its quota is the bottleneck and more writes are on their way), and for {@code batchWait} at most, so
     * the write-back latency stays bounded. Held rows stay due, and lead the next flush's first page.
     */
    private boolean holdPartial(long oldestRow) {
        if (batchWait.isZero() || !crm.worthFillingBatches()) {
            return false;
        }
        Instant now = clock.instant();
        if (holdingSince == null || heldOldestRow != oldestRow) {
            // what waited before went out in a full batch: the wait starts again for these rows
            holdingSince = now;
            heldOldestRow = oldestRow;
        }
        return now.isBefore(holdingSince.plus(batchWait));
    }

    private static long oldestRow(List<CrmWriteBatch> batches) {
        return batches.stream().flatMap(b -> b.rows().stream()).mapToLong(CrmWrite::id).min().orElse(0);
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
