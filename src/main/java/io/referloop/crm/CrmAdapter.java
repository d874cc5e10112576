package io.referloop.crm;

import io.referloop.outbox.CrmWrite;
import io.referloop.outbox.CrmWriteBatch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one CRM (HubSpot, Salesforce) tells the shared skeleton: where its changes are found and how they go into
 * the inbox, and how a batch of outbox writes reaches its records. {@link CrmPoller} runs the polling around it
 * (interval, cluster lease, checkpoints, overlap, paging), {@link CrmWriteback} the writing (due rows, batches,
 * each record's outcome, retries).
 */
public interface CrmAdapter {

    /** The CRM's name: the inbox source, and the prefix of its checkpoints and of its poller's lease. */
    String crm();

    /** Whether, how often and with what overlap this CRM is polled. */
    PollSettings polling();

    /** The object types polled, in this order; a failure stops the poll before the next one. */
    List<String> polledObjects();

    /** The newest change of that object type by the CRM's own clock, or the epoch when it has none. */
    Instant newestChange(String object);

    /**
     * One page of changes made at or after {@code from}; {@code cursor} is null for the first page and then the
     * previous page's {@link PollPage#next()}. {@code checkpoint} stands in for a change that carries no time.
     */
    PollPage pollPage(String object, Instant checkpoint, Instant from, String cursor);

    /** Whether a search that has returned {@code seen} results can page on; if not, it restarts from the newest. */
    default boolean canPageOn(int seen) {
        return true;
    }

    /** A checkpoint as stored, in the CRM's own form. */
    String checkpoint(Instant at);

    Instant checkpointAt(String stored);

    /** Whether this failure of the CRM's API ends the poll quietly, to resume from the checkpoints next time. */
    boolean stopsPoll(RuntimeException failure);

    /** Whether writes can go out now (the CRM's API is configured). */
    boolean writesEnabled();

    /** Pages of due rows one flush may send before it leaves the rest to the next. */
    int writePagesPerRun();

    /** The records one write call takes at most. */
    int writeBatchLimit();

    /**
     * Whether a write call with room left is worth holding back for the records about to come: the CRM's quota is
     * what limits throughput now and more writes are on their way (events not yet decided), so a half-empty call
     * would delay the ones behind it.
     */
    default boolean worthFillingBatches() {
        return false;
    }

    /** The due rows as the CRM's write calls take them: at most its batch limit of records each. */
    List<CrmWriteBatch> writeBatches(List<CrmWrite> due);

    /** Runs before a page of writes goes out (e.g. creating the CRM's properties); a failure holds the page back. */
    default void prepareWrites() {
    }

    /** Writes one batch: the records the CRM refused, each with its reason; a record not named was written. */
    Map<String, String> write(CrmWriteBatch batch);

    /** What to do with a batch whose write call failed as a whole; null for a failure this CRM does not know. */
    WriteFailure writeFailed(RuntimeException failure, CrmWriteBatch batch);

    /**
     * {@code overlap}: how far before its checkpoint each poll re-reads, for changes that became visible late.
     */
    record PollSettings(boolean enabled, Duration interval, Duration overlap) {
    }

    /** A page of changes, and the cursor to the next one, null on the last. */
    record PollPage(List<Change> changes, String next) {
    }

    /**
     * One change as the inbox stores it: {@code key} is its deduplication key, so a change read twice (the
     * overlap, a webhook) is stored once. {@code modified} is null when the CRM gave no readable time.
     */
    record Change(String objectId, Instant modified, String key, String eventType, String payload) {
    }

    /**
     * A failed write call: {@code RETRY} counts as an attempt and waits {@code delay}; {@code POSTPONE} waits without
     * counting (the CRM was not asked); {@code REFUSED} fails the rows for good, with the CRM's reason.
     */
    record WriteFailure(Kind kind, String reason, Duration delay) {

        public enum Kind { RETRY, POSTPONE, REFUSED }

        public static WriteFailure retry(String reason, Duration delay) {
            return new WriteFailure(Kind.RETRY, reason, delay);
        }

        public static WriteFailure postpone(String reason, Duration delay) {
            return new WriteFailure(Kind.POSTPONE, reason, delay);
        }

        public static WriteFailure refused(String reason) {
            return new WriteFailure(Kind.REFUSED, reason, Duration.ZERO);
        }
    }
}
