package io.referloop.hubspot;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code propertyChange} of {@code referral_reward_decision} as HubSpot delivers it: which record, which decision,
 * and which HubSpot user set it ({@code sourceId} {@code userId:1234567}). A change with an empty value is Referloop
 * clearing the property after a decision, and one made by an integration is no person's decision: both are
 * ignored, so Referloop's own writes never come back as decisions.
 */
record HubSpotDecisionEvent(Kind kind, String objectType, String objectId, Decision decision, String userId,
                            String refusal) {

    enum Kind {
        /** not for anyone to act on: cleared, or set by an integration */
        IGNORED,
        /** a decision no one may take: the CRM is told why */
        REFUSED,
        /** a person's decision, to be checked against the approvers */
        ASKED
    }

    enum Decision { APPROVE, REJECT }

    /** Change sources of API writes, Referloop's own among them: never a person deciding. */
    private static final Set<String> INTEGRATIONS = Set.of("INTEGRATION", "API");
    private static final Pattern USER = Pattern.compile("userId:(\\d{1,20})");

    /**
     * The decision this webhook event carries, or empty when it is no change of a decision property.
     *
     * @param contactProperty the contacts' decision property (hubspot.yaml), or null when not mapped
     * @param dealProperty    the deals' decision property, or null when not mapped
     */
    static Optional<HubSpotDecisionEvent> of(HubSpotWebhookEvent event, String contactProperty, String dealProperty) {
        String type = event.subscriptionType();
        if (type == null || !type.endsWith(".propertyChange")) {
            return Optional.empty();
        }
        String objectType = objectType(type, event.objectTypeId());
        String property = "contacts".equals(objectType) ? contactProperty : "deals".equals(objectType) ? dealProperty : null;
        if (property == null || !property.equals(event.propertyName())) {
            return Optional.empty();
        }
        String objectId = event.objectId();
        String value = event.propertyValue();
        if (value == null || value.isBlank()) {
            return Optional.of(ignored(objectType, objectId));
        }
        String source = event.changeSource();
        if (source != null && INTEGRATIONS.contains(source.toUpperCase(Locale.ROOT))) {
            return Optional.of(ignored(objectType, objectId));
        }
        Decision decision = decision(value);
        if (decision == null) {
            return Optional.of(refused(objectType, objectId, "'" + shortened(value) + "' is no decision: use approve or reject"));
        }
        String userId = userId(event.sourceId());
        if (userId == null) {
            return Optional.of(refused(objectType, objectId, "the decision was not set by a HubSpot user (change source "
                    + (source == null ? "unknown" : shortened(source)) + ")"));
        }
        return Optional.of(new HubSpotDecisionEvent(Kind.ASKED, objectType, objectId, decision, userId, null));
    }

    /** {@code approve} or {@code reject}, in any case; null for anything else. */
    static Decision decision(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "approve" -> Decision.APPROVE;
            case "reject" -> Decision.REJECT;
            default -> null;
        };
    }

    /** The user id of a {@code sourceId} such as {@code userId:1234567}; null when a user did not make the change. */
    static String userId(String sourceId) {
        if (sourceId == null) {
            return null;
        }
        Matcher user = USER.matcher(sourceId.strip());
        return user.matches() ? user.group(1) : null;
    }

    private static String objectType(String subscriptionType, String objectTypeId) {
        if (subscriptionType.startsWith("contact.") || "0-1".equals(objectTypeId)) {
            return "contacts";
        }
        if (subscriptionType.startsWith("deal.") || "0-3".equals(objectTypeId)) {
            return "deals";
        }
        return null;
    }

    private static HubSpotDecisionEvent ignored(String objectType, String objectId) {
        return new HubSpotDecisionEvent(Kind.IGNORED, objectType, objectId, null, null, null);
    }

    private static HubSpotDecisionEvent refused(String objectType, String objectId, String why) {
        return new HubSpotDecisionEvent(Kind.REFUSED, objectType, objectId, null, null, why);
    }

    private static String shortened(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
