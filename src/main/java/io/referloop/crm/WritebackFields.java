package io.referloop.crm;

import io.referloop.notify.AdvocateOptedOut;
import io.referloop.notify.ReminderDue;
import io.referloop.referral.Advocate;
import io.referloop.referral.AdvocateChanged;
import io.referloop.referral.ReferralDecided;
import io.referloop.reward.RewardChanged;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each decision writes back to one CRM, the same for every CRM: which of its records (the referred person, the
 * advocate, the deal that converted) get which fields, by their canonical names. Each CRM's mapping file turns the
 * canonical names into its own fields; a field the mapping leaves out is not written (the schemas say which a CRM
 * must map).
 */
public final class WritebackFields {

    /** The kind of CRM record a write goes to: a person (contact or lead) or a deal (opportunity). */
    public enum Kind { PERSON, DEAL }

    /** The fields, by canonical name, to write on one record of the CRM. */
    public record Write(Kind kind, String recordId, Map<String, String> fields) {

        /** The fields the mapping names ({@code canonical → the CRM's field}), under the CRM's names, in order. */
        public Map<String, String> named(Map<String, String> names) {
            Map<String, String> values = new LinkedHashMap<>();
            fields.forEach((canonical, value) -> {
                String name = names.get(canonical);
                if (name != null) {
                    values.put(name, value);
                }
            });
            return values;
        }
    }

    private WritebackFields() {
    }

    /** The referral's attribution or rejection, on the referred person. */
    public static List<Write> of(String crm, ReferralDecided event) {
        if (!crm.equals(event.referral().crm()) || event.referral().crmContactId() == null) {
            return List.of();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("referred-by-email", event.advocate().email());
        fields.put("referred-by-name", event.advocate().name() == null ? "" : event.advocate().name());
        fields.put("referral-attribution", event.referral().attribution().name());
        fields.put("referral-status", event.referral().status().name());
        fields.put("referral-reason", event.reason() == null ? "" : event.reason());
        return List.of(new Write(Kind.PERSON, event.referral().crmContactId(), fields));
    }

    /** The advocate's code, link and count of referrals, on the advocate. */
    public static List<Write> of(String crm, AdvocateChanged event) {
        if (!onCrm(crm, event.advocate())) {
            return List.of();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("referral-code", event.advocate().code());
        fields.put("referral-link", event.link());
        fields.put("referrals-made", Integer.toString(event.referralsMade()));
        return List.of(new Write(Kind.PERSON, event.advocate().crmContactId(), fields));
    }

    /** Conversion and reward progress: on the referred person, the advocate's totals, and the deal that converted. */
    public static List<Write> of(String crm, RewardChanged event) {
        String status = event.reward() == null ? "converted" : event.reward().status().crmStatus();
        String reason = event.crmReason();
        List<Write> writes = new ArrayList<>();
        if (crm.equals(event.referral().crm()) && event.referral().crmContactId() != null) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("referral-status", status);
            fields.put("referral-reason", reason);
            writes.add(new Write(Kind.PERSON, event.referral().crmContactId(), fields));
        }
        if (onCrm(crm, event.advocate())) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("referrals-converted", Integer.toString(event.referralsConverted()));
            fields.put("referral-rewards-total", event.rewardsTotal().toPlainString());
            writes.add(new Write(Kind.PERSON, event.advocate().crmContactId(), fields));
        }
        if (crm.equals(event.crm()) && event.crmDealId() != null) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("referral-source", "referral");
            fields.put("referred-by-email", event.advocate().email());
            fields.put("referral-reward-status", status);
            if (event.reward() != null) {
                fields.put("referral-reward-amount", event.reward().amount().toPlainString());
            }
            fields.put("referral-reward-reason", reason);
            writes.add(new Write(Kind.DEAL, event.crmDealId(), fields));
        }
        return writes;
    }

    /** The advocate unsubscribed from referral emails. */
    public static List<Write> of(String crm, AdvocateOptedOut event) {
        return flag(crm, event.advocate(), "referral-email-opt-out");
    }

    /** An idle advocate is due a reminder. */
    public static List<Write> of(String crm, ReminderDue event) {
        return flag(crm, event.advocate(), "referral-reminder-due");
    }

    private static List<Write> flag(String crm, Advocate advocate, String canonical) {
        return onCrm(crm, advocate) ? List.of(new Write(Kind.PERSON, advocate.crmContactId(), Map.of(canonical, "true")))
                : List.of();
    }

    private static boolean onCrm(String crm, Advocate advocate) {
        return crm.equals(advocate.crm()) && advocate.crmContactId() != null;
    }
}
