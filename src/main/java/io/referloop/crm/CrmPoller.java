package io.referloop.crm;

import io.referloop.ingest.ClusterLock;
import io.referloop.ingest.Inbox;
import io.referloop.ingest.PollCheckpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;

/**
 * Polling, the same for every CRM: when the interval has passed and this instance holds the lease (one instance
 * polls at a time), each object type is read from its checkpoint less the overlap, page by page, into the inbox
 * once per change. The checkpoint is the newest change time the CRM reported, never this machine's clock; a
 * search that cannot page further restarts from the newest change seen.
 */
public final class CrmPoller {

    private static final Logger log = LoggerFactory.getLogger(CrmPoller.class);

    private final CrmAdapter crm;
    private final Inbox inbox;
    private final PollCheckpoints checkpoints;
    private final ClusterLock lock;
    private final Clock clock;
    private Instant lastRun = Instant.EPOCH;

    public CrmPoller(CrmAdapter crm, Inbox inbox, PollCheckpoints checkpoints, ClusterLock lock, Clock clock) {
        this.crm = crm;
        this.inbox = inbox;
        this.checkpoints = checkpoints;
        this.lock = lock;
        this.clock = clock;
    }

    /** The poller's lease in the database: {@code hubspot-poller}, {@code salesforce-poller}. */
    public static String lockName(String crm) {
        return crm + "-poller";
    }

    /**
     * Hands the lease back at once, so another instance takes over polling on its next tick instead of waiting for
     * the lease to run out; synchronized waits for a poll in progress to finish storing its page and checkpoint.
     */
    public synchronized void releaseLease() {
        lock.release(lockName(crm.crm()));
    }

    /** Polls when the interval has passed since the last run and this instance holds the lease. */
    public synchronized int pollIfDue() {
        CrmAdapter.PollSettings polling = crm.polling();
        if (!polling.enabled() || clock.instant().isBefore(lastRun.plus(polling.interval()))) {
            return 0;
        }
        lastRun = clock.instant();
        if (!lock.tryAcquire(lockName(crm.crm()), polling.interval().multipliedBy(3).plusSeconds(30))) {
            return 0;
        }
        int stored = 0;
        for (String object : crm.polledObjects()) {
            try {
                stored += poll(object);
            } catch (RuntimeException e) {
                if (!crm.stopsPoll(e)) {
                    throw e;
                }
                log.warn("{} poll of {} stopped, resumes from its checkpoint next time: {}", crm.crm(), object,
                        e.getMessage());
                return stored;
            }
        }
        return stored;
    }

    private int poll(String object) {
        String name = crm.crm() + ":" + object;
        Instant checkpoint = checkpoints.get(name).map(crm::checkpointAt).orElseGet(() -> startingPoint(object, name));
        // A change can become visible after newer ones were read, with a time below the checkpoint (a lagging search
        // index, a transaction's start stamp). Re-reading the overlap finds it; the inbox key keeps one effect.
        Instant from = checkpoint.minus(crm.polling().overlap());
        from = from.isBefore(Instant.EPOCH) ? Instant.EPOCH : from;
        Instant newest = checkpoint;
        int stored = 0;
        int seen = 0;
        String cursor = null;
        while (true) {
            CrmAdapter.PollPage page = crm.pollPage(object, checkpoint, from, cursor);
            for (CrmAdapter.Change change : page.changes()) {
                if (change.modified() != null && change.modified().isAfter(newest)) {
                    newest = change.modified();
                }
                if (inbox.store(crm.crm(), change.key(), change.eventType(), change.objectId(), change.payload())) {
                    stored++;
                }
            }
            seen += page.changes().size();
            if (page.next() == null) {
                checkpoints.set(name, crm.checkpoint(newest));
                return stored;
            }
            if (crm.canPageOn(seen)) {
                cursor = page.next();
            } else {
                from = newest;
                checkpoints.set(name, crm.checkpoint(newest));
                seen = 0;
                cursor = null;
            }
        }
    }

    /**
     * On first start: the newest change by the CRM's clock rather than this machine's (the two disagree, and the CRM
     * lags); the first poll then looks back over the overlap from there.
     */
    private Instant startingPoint(String object, String name) {
        Instant start = crm.newestChange(object);
        checkpoints.set(name, crm.checkpoint(start));
        return start;
    }
}
