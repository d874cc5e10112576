package io.referloop.ingest;

import java.time.Instant;

/** An event as received and stored, before any processing. */
public record InboxEvent(long id, String source, String externalId, String eventType, String objectId,
                         String payload, Instant receivedAt, int attempts) {
}
