package io.referloop.hubspot;

import io.referloop.crm.CrmWriteback;
import io.referloop.outbox.CrmWriteOutbox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/**
 * Drains the HubSpot part of the CRM-write outbox: writes to one record are merged (latest value
 * wins), then sent as batch updates of at most 100 records; under a busy quota, with webhooks still to decide, a
 * batch with room left waits up to {@code referloop.hubspot.batch-wait} for more records. Called by the route {@code hubspot-writeback}.
 * The draining is the CRMs' shared {@link CrmWriteback}; what is HubSpot's is in {@link HubSpotAdapter}.
 */
@Component("hubSpotWriteback")
public class HubSpotWriteback {

    private final CrmWriteback writeback;

    HubSpotWriteback(HubSpotAdapter hubspot, CrmWriteOutbox outbox, Clock clock,
                     @Value("${referloop.hubspot.batch-wait:1s}") Duration batchWait) {
        this.writeback = new CrmWriteback(hubspot, outbox, clock, batchWait);
    }

    /** Sends what is due; returns the number of records written. */
    public int flush() {
        return writeback.flush();
    }
}
