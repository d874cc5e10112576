package io.referloop.notify;

import java.time.Instant;
import java.util.Map;

/**
 * One event for routes and webhook receivers: JSON {@code {type, id, timestamp, data}}.
 *
 * @param subject what the event is about ({@code reward:42}, {@code referral:7}, {@code advocate:3}): the same
 *                type twice in a row for one subject is one event
 */
public record DomainEvent(String id, String type, Instant timestamp, Long advocateId, String subject,
                          Map<String, Object> data) {
}
