package io.referloop.hubspot;

import io.referloop.crm.CrmPoller;
import io.referloop.ingest.ClusterLock;
import io.referloop.ingest.Inbox;
import io.referloop.ingest.PollCheckpoints;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * For portals that cannot send webhooks, and as a backfill beside them (route {@code hubspot-poller}):
 * contacts and deals modified since the stored checkpoint are found with the search API and fed into
 * the same inbox as webhook events. Each change is stored once (key: object, id, modification time);
 * processing is idempotent, so a change seen by a webhook and by the poller has one effect.
 * The checkpoint is the newest modification time HubSpot reported, never this machine's clock, and each poll
 * re-reads {@code poll-overlap} before it, since the search index lags writes. HubSpot's search stops at
 * 10,000 results, so after 10,000 the search restarts from the newest modification time seen. One instance
 * polls at a time (a lease in the database). The polling itself is the CRMs' shared {@link CrmPoller}.
 */
@Component("hubSpotPoller")
public class HubSpotPoller {

    static final String LOCK = CrmPoller.lockName("hubspot");
    static final String MODIFIED = HubSpotAdapter.MODIFIED;

    private final CrmPoller poller;

    HubSpotPoller(HubSpotAdapter hubspot, Inbox inbox, PollCheckpoints checkpoints, ClusterLock lock, Clock clock) {
        this.poller = new CrmPoller(hubspot, inbox, checkpoints, lock, clock);
    }

    /** On a graceful stop the lease is handed back at once (Camel's routes have stopped by now). */
    @PreDestroy
    public void releaseLease() {
        poller.releaseLease();
    }

    /** Polls when the interval has passed since the last run and this instance holds the lease. */
    public int pollIfDue() {
        return poller.pollIfDue();
    }
}
