package io.referloop.salesforce;

import io.referloop.crm.CrmPoller;
import io.referloop.ingest.ClusterLock;
import io.referloop.ingest.Inbox;
import io.referloop.ingest.PollCheckpoints;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * SOQL polling (route {@code salesforce-poller}): Leads, Contacts, Accounts and Opportunities whose
 * {@code SystemModstamp} is at or after the stored checkpoint less {@code poll-overlap}, all pages
 * ({@code nextRecordsUrl}), into the inbox once per record version. The checkpoint is the newest stamp
 * Salesforce returned, never this machine's clock. One instance polls at a time (a database lease).
 * The polling itself is the CRMs' shared {@link CrmPoller}; what is Salesforce's is in {@link SalesforceAdapter}.
 */
@Component("salesforcePoller")
public class SalesforcePoller {

    static final String LOCK = CrmPoller.lockName(SalesforceInbox.CRM);

    private final CrmPoller poller;

    SalesforcePoller(SalesforceAdapter salesforce, Inbox inbox, PollCheckpoints checkpoints, ClusterLock lock,
                     Clock clock) {
        this.poller = new CrmPoller(salesforce, inbox, checkpoints, lock, clock);
    }

    /** On a graceful stop the lease is handed back at once (Camel's routes have stopped by now). */
    @PreDestroy
    public void releaseLease() {
        poller.releaseLease();
    }

    public int pollIfDue() {
        return poller.pollIfDue();
    }
}
