package io.referloop.salesforce;

import java.util.List;
import java.util.Map;

/** A Salesforce outbound message: the sending org and up to 100 notifications. */
public record OutboundMessage(String organizationId, String actionId, List<Notification> notifications) {

    /** One notification: its own id (the dedup key), the sObject type and id, and the fields sent. */
    public record Notification(String id, String objectType, String objectId, Map<String, String> fields) {
    }
}
