package io.referloop.ingest;

/**
 * Checks the values a webhook names for the inbox's key columns before anything is stored. A value the
 * columns cannot hold (too long, or with control characters PostgreSQL refuses, such as NUL) is the
 * sender's mistake, answered 400; left to the database it would be a 503 that the sender retries forever.
 */
public final class InboxFields {

    public static final int EXTERNAL_ID_LENGTH = 255;
    public static final int EVENT_TYPE_LENGTH = 100;
    public static final int OBJECT_ID_LENGTH = 100;

    private InboxFields() {
    }

    public static String externalId(String value, String what) {
        return required(value, what, EXTERNAL_ID_LENGTH);
    }

    public static String eventType(String value, String what) {
        return required(value, what, EVENT_TYPE_LENGTH);
    }

    /** An object id is optional; when given it must fit like the others. */
    public static String objectId(String value, String what) {
        return value == null ? null : required(value, what, OBJECT_ID_LENGTH);
    }

    private static String required(String value, String what, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new MalformedWebhookException(what + " is missing or blank");
        }
        if (value.length() > maxLength) {
            throw new MalformedWebhookException(what + " is longer than " + maxLength + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new MalformedWebhookException(what + " contains control characters");
        }
        return value;
    }
}
