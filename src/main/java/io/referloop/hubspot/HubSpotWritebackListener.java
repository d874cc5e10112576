package io.referloop.hubspot;

import io.referloop.mapping.LiveMapping;
import io.referloop.notify.AdvocateOptedOut;
import io.referloop.notify.ReminderDue;
import io.referloop.outbox.CrmWriteOutbox;
import io.referloop.referral.AdvocateChanged;
import io.referloop.referral.ReferralDecided;
import io.referloop.reward.RewardChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/** Queues the HubSpot writes that follow a referral decision, in the decision's own transaction. */
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

    /** Conversion and reward progress: the referred contact, the advocate's totals, and the deal that converted. */
    @EventListener
    void on(RewardChanged event) {
        String status = event.reward() == null ? "converted" : event.reward().status().crmStatus();
        String reason = event.crmReason();
        HubSpotMapping now = mapping.current();
        HubSpotMapping.ObjectMapping contact = now.contact();
        HubSpotMapping.DealMapping deal = now.deal();
        if (CRM.equals(event.referral().crm()) && event.referral().crmContactId() != null) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put(contact.writeName("referral-status"), status);
            putOptional(values, contact, "referral-reason", reason);
            outbox.add(CRM, "contacts", event.referral().crmContactId(), values);
        }
        if (CRM.equals(event.advocate().crm()) && event.advocate().crmContactId() != null) {
            outbox.add(CRM, "contacts", event.advocate().crmContactId(), Map.of(
                    contact.writeName("referrals-converted"), Integer.toString(event.referralsConverted()),
                    contact.writeName("referral-rewards-total"), event.rewardsTotal().toPlainString()));
        }
        if (CRM.equals(event.crm()) && event.crmDealId() != null) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put(deal.writeName("referral-source"), "referral");
            values.put(deal.writeName("referred-by-email"), event.advocate().email());
            values.put(deal.writeName("referral-reward-status"), status);
            if (event.reward() != null) {
                values.put(deal.writeName("referral-reward-amount"), event.reward().amount().toPlainString());
            }
            String dealReason = deal.write().get("referral-reward-reason");
            if (dealReason != null) {
                values.put(dealReason, reason);
            }
            outbox.add(CRM, "deals", event.crmDealId(), values);
        }
    }

    @EventListener
    void on(AdvocateChanged event) {
        if (!CRM.equals(event.advocate().crm()) || event.advocate().crmContactId() == null) {
            return;
        }
        HubSpotMapping.ObjectMapping contact = mapping.current().contact();
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
        HubSpotMapping.ObjectMapping contact = mapping.current().contact();
        Map<String, String> values = new LinkedHashMap<>();
        values.put(contact.writeName("referred-by-email"), event.advocate().email());
        values.put(contact.writeName("referred-by-name"), event.advocate().name() == null ? "" : event.advocate().name());
        values.put(contact.writeName("referral-attribution"), event.referral().attribution().name());
        values.put(contact.writeName("referral-status"), event.referral().status().name());
        putOptional(values, contact, "referral-reason", event.reason() == null ? "" : event.reason());
        outbox.add(CRM, "contacts", event.referral().crmContactId(), values);
    }

    /** The advocate unsubscribed from referral emails: {@code referral_email_opt_out}, when hubspot.yaml maps it. */
    @EventListener
    void on(AdvocateOptedOut event) {
        advocateFlag(event.advocate(), "referral-email-opt-out");
    }

    /** An idle advocate is due a reminder: {@code referral_reminder_due}, when hubspot.yaml maps it. */
    @EventListener
    void on(ReminderDue event) {
        advocateFlag(event.advocate(), "referral-reminder-due");
    }

    private void advocateFlag(io.referloop.referral.Advocate advocate, String canonical) {
        if (!CRM.equals(advocate.crm()) || advocate.crmContactId() == null) {
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        putOptional(values, mapping.current().contact(), canonical, "true");
        if (!values.isEmpty()) {
            outbox.add(CRM, "contacts", advocate.crmContactId(), values);
        }
    }

    /** Fields an older hubspot.yaml may not map are written only when it does. */
    private static void putOptional(Map<String, String> values, HubSpotMapping.ObjectMapping mapping, String canonical,
                                    String value) {
        String property = mapping.write().get(canonical);
        if (property != null) {
            values.put(property, value);
        }
    }
}
