package io.referloop.salesforce;

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

/** Queues the Salesforce writes that follow referral and reward decisions, in the decision's transaction. */
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
        if (!SalesforceInbox.CRM.equals(event.advocate().crm()) || event.advocate().crmContactId() == null) {
            return;
        }
        Map<String, String> person = mapping.current().person().write();
        Map<String, String> values = new LinkedHashMap<>();
        put(values, person, "referral-code", event.advocate().code());
        put(values, person, "referral-link", event.link());
        put(values, person, "referrals-made", Integer.toString(event.referralsMade()));
        queue(event.advocate().crmContactId(), values);
    }

    @EventListener
    void on(ReferralDecided event) {
        if (!SalesforceInbox.CRM.equals(event.referral().crm()) || event.referral().crmContactId() == null) {
            return;
        }
        Map<String, String> person = mapping.current().person().write();
        Map<String, String> values = new LinkedHashMap<>();
        put(values, person, "referred-by-email", event.advocate().email());
        put(values, person, "referral-attribution", event.referral().attribution().name());
        put(values, person, "referral-status", event.referral().status().name());
        put(values, person, "referral-reason", event.reason() == null ? "" : event.reason());
        queue(event.referral().crmContactId(), values);
    }

    @EventListener
    void on(RewardChanged event) {
        String status = event.reward() == null ? "converted" : event.reward().status().crmStatus();
        String reason = event.crmReason();
        SalesforceMapping now = mapping.current();
        Map<String, String> person = now.person().write();
        Map<String, String> opportunity = now.opportunity().write();
        if (SalesforceInbox.CRM.equals(event.referral().crm()) && event.referral().crmContactId() != null) {
            Map<String, String> values = put(new LinkedHashMap<>(), person, "referral-status", status);
            put(values, person, "referral-reason", reason);
            queue(event.referral().crmContactId(), values);
        }
        if (SalesforceInbox.CRM.equals(event.advocate().crm()) && event.advocate().crmContactId() != null) {
            Map<String, String> values = new LinkedHashMap<>();
            put(values, person, "referrals-converted", Integer.toString(event.referralsConverted()));
            put(values, person, "referral-rewards-total", event.rewardsTotal().toPlainString());
            queue(event.advocate().crmContactId(), values);
        }
        if (SalesforceInbox.CRM.equals(event.crm()) && event.crmDealId() != null) {
            Map<String, String> values = new LinkedHashMap<>();
            put(values, opportunity, "referral-source", "referral");
            put(values, opportunity, "referred-by-email", event.advocate().email());
            put(values, opportunity, "referral-reward-status", status);
            put(values, opportunity, "referral-reward-reason", reason);
            if (event.reward() != null) {
                put(values, opportunity, "referral-reward-amount", event.reward().amount().toPlainString());
            }
            queue(event.crmDealId(), values);
        }
    }

    /** The advocate unsubscribed from referral emails (optional field referral-email-opt-out). */
    @EventListener
    void on(AdvocateOptedOut event) {
        if (SalesforceInbox.CRM.equals(event.advocate().crm()) && event.advocate().crmContactId() != null) {
            queue(event.advocate().crmContactId(), put(new LinkedHashMap<>(), mapping.current().person().write(), "referral-email-opt-out", "true"));
        }
    }

    /** An idle advocate is due a reminder (optional field referral-reminder-due). */
    @EventListener
    void on(ReminderDue event) {
        if (SalesforceInbox.CRM.equals(event.advocate().crm()) && event.advocate().crmContactId() != null) {
            queue(event.advocate().crmContactId(), put(new LinkedHashMap<>(), mapping.current().person().write(), "referral-reminder-due", "true"));
        }
    }

    private void queue(String id, Map<String, String> values) {
        if (!values.isEmpty()) {
            outbox.add(SalesforceInbox.CRM, SalesforceIds.objectType(id), id, values);
        }
    }

    /** Optional fields (the advocate counters) are written only when salesforce.yaml maps them. */
    private static Map<String, String> put(Map<String, String> values, Map<String, String> names, String canonical, String value) {
        String field = names.get(canonical);
        if (field != null) {
            values.put(field, value);
        }
        return values;
    }
}
