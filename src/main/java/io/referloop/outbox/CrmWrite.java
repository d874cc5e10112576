package io.referloop.outbox;

import java.util.Map;

/** A pending write of some properties onto one CRM record. */
public record CrmWrite(long id, String crm, String objectType, String objectId, Map<String, String> properties,
                       int attempts) {
}
