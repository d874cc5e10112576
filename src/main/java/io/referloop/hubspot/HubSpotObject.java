package io.referloop.hubspot;

import java.time.Instant;
import java.util.Map;

public record HubSpotObject(String id, Map<String, String> properties, Instant createdAt) {
}
