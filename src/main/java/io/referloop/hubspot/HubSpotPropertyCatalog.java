package io.referloop.hubspot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/** The definitions of the properties Referloop writes, keyed by the canonical names of hubspot.yaml. */
final class HubSpotPropertyCatalog {

    record Definition(String label, String type, String fieldType, List<String> options) {
    }

    private static final List<String> STATUSES =
            List.of("attributed", "converted", "held", "rewarded", "rejected", "canceled");

    /** Set by an approver in HubSpot on a record whose reward is held; cleared once Referloop has read it. */
    private static final Definition DECISION = select("Referral reward decision", List.of("approve", "reject"));
    /** What became of the last decision, or why it was refused. */
    private static final Definition DECISION_RESULT = text("Referral reward decision result");

    static final Map<String, Definition> CONTACT = Map.ofEntries(
            Map.entry("referral-reward-decision", DECISION),
            Map.entry("referral-reward-decision-result", DECISION_RESULT),
            Map.entry("referral-reason", text("Referral reason")),
            Map.entry("referral-email-opt-out", bool("Referral emails opted out")),
            Map.entry("referral-reminder-due", bool("Referral reminder due")),
            Map.entry("referral-code", text("Referral code")),
            Map.entry("referral-link", text("Referral link")),
            Map.entry("referrals-made", number("Referrals made")),
            Map.entry("referrals-converted", number("Referrals converted")),
            Map.entry("referral-rewards-total", number("Referral rewards total")),
            Map.entry("referred-by-email", text("Referred by (email)")),
            Map.entry("referred-by-name", text("Referred by (name)")),
            Map.entry("referral-attribution", select("Referral attribution", List.of("link", "code", "email", "domain", "manual"))),
            Map.entry("referral-status", select("Referral status", STATUSES)));

    static final Map<String, Definition> DEAL = Map.of(
            "referral-reward-decision", DECISION,
            "referral-reward-decision-result", DECISION_RESULT,
            "referral-reward-reason", text("Referral reward reason"),
            "referral-source", select("Referral source", List.of("referral")),
            "referred-by-email", text("Referred by (email)"),
            "referral-reward-status", select("Referral reward status", STATUSES),
            "referral-reward-amount", number("Referral reward amount"));

    private HubSpotPropertyCatalog() {
    }

    static ObjectNode toJson(ObjectMapper json, String name, String group, Definition d) {
        ObjectNode node = json.createObjectNode()
                .put("name", name).put("label", d.label()).put("type", d.type())
                .put("fieldType", d.fieldType()).put("groupName", group);
        if (!d.options().isEmpty()) {
            ArrayNode options = node.putArray("options");
            for (int i = 0; i < d.options().size(); i++) {
                String value = d.options().get(i);
                options.addObject().put("label", value).put("value", value).put("displayOrder", i).put("hidden", false);
            }
        }
        return node;
    }

    private static Definition text(String label) {
        return new Definition(label, "string", "text", List.of());
    }

    private static Definition bool(String label) {
        return new Definition(label, "bool", "booleancheckbox", List.of("true", "false"));
    }

    private static Definition number(String label) {
        return new Definition(label, "number", "number", List.of());
    }

    private static Definition select(String label, List<String> options) {
        return new Definition(label, "enumeration", "select", options);
    }
}
