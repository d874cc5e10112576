package io.referloop.hubspot;

import io.referloop.outbox.CrmWriteOutbox;
import io.referloop.referral.AdvocateChanged;
import io.referloop.referral.ReferralDecided;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/** Queues the HubSpot writes that follow a referral decision, in the decision's own transaction. */
@Component
class HubSpotWritebackListener {

    static final String CRM = "hubspot";

    private final CrmWriteOutbox outbox;
    private final HubSpotMapping.ObjectMapping contact;

    HubSpotWritebackListener(CrmWriteOutbox outbox, HubSpotMapping mapping) {
        this.outbox = outbox;
        this.contact = mapping.contact();
    }

    @EventListener
    void on(AdvocateChanged event) {
        if (!CRM.equals(event.advocate().crm()) || event.advocate().crmContactId() == null) {
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put(contact.writeName("referral-code"), event.advocate().code());
        values.put(contact.writeName("referral-link"), event.link());
        values.put(contact.writeName("referrals-made"), Integer.toString(event.referralsMade()));
        outbox.add(CRM, "contacts", event.advocate().crmContactId(), values);
    }

    @EventListener
    void on(ReferralDecided event) {
        if (!CRM.equals(event.referral().crm()) || event.referral().crmContactId() == null) {
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put(contact.writeName("referred-by-email"), event.advocate().email());
        values.put(contact.writeName("referred-by-name"), event.advocate().name() == null ? "" : event.advocate().name());
        values.put(contact.writeName("referral-attribution"), event.referral().attribution().name());
        values.put(contact.writeName("referral-status"), event.referral().status().name());
        outbox.add(CRM, "contacts", event.referral().crmContactId(), values);
    }
}
