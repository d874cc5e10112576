package io.referloop.hubspot;

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
 * Queues the HubSpot writes that follow a referral decision, in the decision's own transaction: the fields are the
 * CRMs' shared {@link WritebackFields}, named by hubspot.yaml (whose schema requires all but the optional ones).
 */
@Component
class HubSpotWritebackListener {

    static final String CRM = "hubspot";

    private final CrmWriteOutbox outbox;
    /** Read once per event: the writes of one decision follow one version of hubspot.yaml. */
    private final LiveMapping<HubSpotMapping> mapping;

    HubSpotWritebackListener(CrmWriteOutbox outbox, LiveMapping<HubSpotMapping> mapping) {
        this.outbox = outbox;
        this.mapping = mapping;
    }

    @EventListener
    void on(RewardChanged event) {
        queue(WritebackFields.of(CRM, event));
    }

    @EventListener
    void on(AdvocateChanged event) {
        queue(WritebackFields.of(CRM, event));
    }

    @EventListener
    void on(ReferralDecided event) {
        queue(WritebackFields.of(CRM, event));
    }

    /** {@code referral_email_opt_out}, when hubspot.yaml maps it. */
    @EventListener
    void on(AdvocateOptedOut event) {
        queue(WritebackFields.of(CRM, event));
    }

    /** {@code referral_reminder_due}, when hubspot.yaml maps it. */
    @EventListener
    void on(ReminderDue event) {
        queue(WritebackFields.of(CRM, event));
    }

    private void queue(List<WritebackFields.Write> writes) {
        if (writes.isEmpty()) {
            return;
        }
        HubSpotMapping now = mapping.current();
        for (WritebackFields.Write write : writes) {
            boolean deal = write.kind() == WritebackFields.Kind.DEAL;
            Map<String, String> values = write.named(deal ? now.deal().write() : now.contact().write());
            if (!values.isEmpty()) {
                outbox.add(CRM, deal ? "deals" : "contacts", write.recordId(), values);
            }
        }
    }
}
