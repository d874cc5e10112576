package io.referloop.salesforce;

import io.referloop.crm.WritebackFields;
import io.referloop.mapping.LiveMapping;
import io.referloop.notify.AdvocateOptedOut;
import io.referloop.notify.ReminderDue;
import io.referloop.outbox.CrmWriteOutbox;
import io.referloop.referral.AdvocateChanged;
import io.referloop.referral.ReferralDecided;
import io.referloop.reward.RewardChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * Queues the Salesforce writes that follow referral and reward decisions, in the decision's transaction: the fields
 * are the CRMs' shared {@link WritebackFields}, named by salesforce.yaml; a person is a Contact or a Lead, as its id
 * says.
 */
@Component
class SalesforceWritebackListener {

    private final CrmWriteOutbox outbox;
    /** Read once per event: the writes of one decision follow one version of salesforce.yaml. */
    private final LiveMapping<SalesforceMapping> mapping;

    SalesforceWritebackListener(CrmWriteOutbox outbox, LiveMapping<SalesforceMapping> mapping) {
        this.outbox = outbox;
        this.mapping = mapping;
    }

    @EventListener
    void on(AdvocateChanged event) {
        queue(WritebackFields.of(SalesforceInbox.CRM, event));
    }

    @EventListener
    void on(ReferralDecided event) {
        queue(WritebackFields.of(SalesforceInbox.CRM, event));
    }

    @EventListener
    void on(RewardChanged event) {
        queue(WritebackFields.of(SalesforceInbox.CRM, event));
    }

    /** Optional field referral-email-opt-out. */
    @EventListener
    void on(AdvocateOptedOut event) {
        queue(WritebackFields.of(SalesforceInbox.CRM, event));
    }

    /** Optional field referral-reminder-due. */
    @EventListener
    void on(ReminderDue event) {
        queue(WritebackFields.of(SalesforceInbox.CRM, event));
    }

    private void queue(List<WritebackFields.Write> writes) {
        if (writes.isEmpty()) {
            return;
        }
        SalesforceMapping now = mapping.current();
        for (WritebackFields.Write write : writes) {
            Map<String, String> values = write.named(write.kind() == WritebackFields.Kind.DEAL
                    ? now.opportunity().write() : now.person().write());
            if (!values.isEmpty()) {
                outbox.add(SalesforceInbox.CRM, SalesforceIds.objectType(write.recordId()), write.recordId(), values);
            }
        }
    }
}
