package io.referloop.salesforce;

import io.referloop.crm.CrmWriteback;
import io.referloop.outbox.CrmWriteOutbox;
import org.springframework.stereotype.Component;

/**
 * Drains the Salesforce part of the CRM-write outbox (route {@code salesforce-writeback}) through
 * sObject Collections: at most 200 records per call, each record's own result handled on its own.
 * The draining is the CRMs' shared {@link CrmWriteback}; what is Salesforce's is in {@link SalesforceAdapter}.
 */
@Component("salesforceWriteback")
public class SalesforceWriteback {

    private final CrmWriteback writeback;

    SalesforceWriteback(SalesforceAdapter salesforce, CrmWriteOutbox outbox) {
        this.writeback = new CrmWriteback(salesforce, outbox);
    }

    public int flush() {
        return writeback.flush();
    }
}
