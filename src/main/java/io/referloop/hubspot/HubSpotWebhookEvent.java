package io.referloop.hubspot;

/**
 * One notification of a HubSpot webhook batch. {@code eventId} is "not guaranteed to be unique", so
 * the inbox key combines it with the fields a redelivery repeats unchanged (never {@code attemptNumber}).
 */
public record HubSpotWebhookEvent(String subscriptionType, String objectTypeId, String objectId, String propertyName,
                                  String propertyValue, long occurredAt, String eventId, String portalId,
                                  String json) {

    public String inboxKey() {
        return String.join(":", String.valueOf(portalId), String.valueOf(eventId), subscriptionType, objectId,
                Long.toString(occurredAt), propertyName == null ? "" : propertyName);
    }

    /** Contact events in both the classic ({@code contact.creation}) and the generic ({@code object.creation} + 0-1) form. */
    public boolean isAboutContact() {
        return subscriptionType.startsWith("contact.")
                || (subscriptionType.startsWith("object.") && "0-1".equals(objectTypeId));
    }

    public boolean isAboutDeal() {
        return subscriptionType.startsWith("deal.")
                || (subscriptionType.startsWith("object.") && "0-3".equals(objectTypeId));
    }

    public boolean isCreationOrChange() {
        return subscriptionType.endsWith(".creation") || subscriptionType.endsWith(".propertyChange")
                || subscriptionType.endsWith(".restore");
    }
}
