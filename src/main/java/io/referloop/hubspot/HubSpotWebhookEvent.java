package io.referloop.hubspot;

import io.referloop.ingest.InboxFields;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * One notification of a HubSpot webhook batch. {@code eventId} is "not guaranteed to be unique", so
 * the inbox key combines it with the fields a redelivery repeats unchanged (never {@code attemptNumber}).
 * {@code changeSource} and {@code sourceId} say who made a property change (a user: {@code userId:1234567}).
 */
public record HubSpotWebhookEvent(String subscriptionType, String objectTypeId, String objectId, String propertyName,
                                  String propertyValue, long occurredAt, String eventId, String portalId,
                                  String changeSource, String sourceId, String json) {

    public String inboxKey() {
        String key = String.join(":", String.valueOf(portalId), String.valueOf(eventId), subscriptionType, objectId,
                Long.toString(occurredAt), propertyName == null ? "" : propertyName);
        return key.length() <= InboxFields.EXTERNAL_ID_LENGTH ? key : digested(key);
    }

    /** A key too long for the column keeps its readable start and ends in a digest of the whole, so it still dedups. */
    private static String digested(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            String tail = ":sha256:" + HexFormat.of().formatHex(digest);
            return key.substring(0, InboxFields.EXTERNAL_ID_LENGTH - tail.length()) + tail;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    /** A property change that names its property, and the property is none of {@code read}. */
    public boolean isChangeOfPropertyNotIn(Set<String> read) {
        return subscriptionType.endsWith(".propertyChange") && propertyName != null && !read.contains(propertyName);
    }

    public boolean isCreationOrChange() {
        return subscriptionType.endsWith(".creation") || subscriptionType.endsWith(".propertyChange")
                || subscriptionType.endsWith(".restore");
    }
}
