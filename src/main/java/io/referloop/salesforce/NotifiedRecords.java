package io.referloop.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.referloop.ingest.InboxEvent;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An outbound message is a trigger, never evidence: the OrganizationId it carries is printed on web-to-lead forms
 * and in email headers, so anyone can send one that names any record with any field values. Each record a
 * notification names is therefore read by Id through the API, and only what the API returns is decided on.
 */
@Component
class NotifiedRecords {

    /** The objects whose notifications Referloop acts on; others are ignored unread. */
    static final Set<String> USED = Set.of("Lead", "Contact", "Opportunity");
    /** Ids per query: an IN list this long stays well inside Salesforce's URI and SOQL limits. */
    private static final int IDS_PER_QUERY = 200;

    private final SalesforceClient client;
    private final SalesforceReadFields fields;

    NotifiedRecords(SalesforceClient client, SalesforceReadFields fields) {
        this.client = client;
        this.fields = fields;
    }

    static boolean isNotification(InboxEvent event) {
        return event.eventType().startsWith(OutboundMessageController.EVENT_TYPE_PREFIX);
    }

    static String objectType(InboxEvent event) {
        return event.eventType().substring(OutboundMessageController.EVENT_TYPE_PREFIX.length());
    }

    /**
     * The records the notifications name, by inbox event id, as the API returns them now (one query per object).
     * A notification naming a record the org does not have, or does not let the integration user read, or
     * something that is not a Salesforce id, has no entry. Throws {@link SalesforceApiException} when the org
     * cannot be asked (the API off, or failing): then nothing is known yet.
     */
    Map<Long, JsonNode> read(List<InboxEvent> notifications) {
        Map<String, List<InboxEvent>> byObject = new LinkedHashMap<>();
        for (InboxEvent event : notifications) {
            if (USED.contains(objectType(event)) && SalesforceIds.isId(event.objectId())) {
                byObject.computeIfAbsent(objectType(event), o -> new ArrayList<>()).add(event);
            }
        }
        if (!byObject.isEmpty() && !client.enabled()) {
            throw new SalesforceApiException(0, null, "the Salesforce API is off (set referloop.salesforce.authentication-type):"
                    + " a notification is acted on only after its record is read", null);
        }
        Map<Long, JsonNode> records = new HashMap<>();
        byObject.forEach((object, events) -> {
            for (int i = 0; i < events.size(); i += IDS_PER_QUERY) {
                List<InboxEvent> chunk = events.subList(i, Math.min(i + IDS_PER_QUERY, events.size()));
                Map<String, JsonNode> found = new HashMap<>();
                client.recordsById(object, fields.of(object), chunk.stream().map(InboxEvent::objectId).distinct().toList())
                        .path("records").forEach(r -> found.put(SalesforceIds.key(r.path("Id").asText()), r));
                for (InboxEvent event : chunk) {
                    JsonNode record = found.get(SalesforceIds.key(event.objectId()));
                    if (record != null) {
                        records.put(event.id(), record);
                    }
                }
            }
        });
        return records;
    }
}
