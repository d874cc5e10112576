package io.referloop.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.ingest.Inbox;
import io.referloop.ingest.InboxFields;
import io.referloop.ingest.MalformedWebhookException;
import io.referloop.ingest.RequestBodies;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

/**
 * {@code POST /webhooks/chargebee}: HTTP basic auth (compared in constant time), the event stored in the
 * inbox (unique on its {@code ev_} id), 200 only after the commit: Chargebee counts nothing else as delivered.
 */
@RestController
class ChargebeeWebhookController {

    static final String SOURCE = "chargebee";

    private final ChargebeeProperties properties;
    private final Inbox inbox;
    private final ObjectMapper json;
    private final byte[] expected;

    ChargebeeWebhookController(ChargebeeProperties properties, Inbox inbox, ObjectMapper json) {
        this.properties = properties;
        this.inbox = inbox;
        this.json = json;
        this.expected = properties.enabled() ? Base64.getEncoder().encodeToString(
                (properties.webhookUsername() + ":" + properties.webhookPassword()).getBytes(StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8) : null;
    }

    @PostMapping("/webhooks/chargebee")
    ResponseEntity<Map<String, Object>> receive(HttpServletRequest request) throws IOException {
        if (!properties.enabled()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "Chargebee is off: set referloop.chargebee.webhook-username and webhook-password");
        }
        if (!authorised(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"referloop\"").build();
        }
        byte[] body = RequestBodies.read(request);
        String text = RequestBodies.utf8(body);
        JsonNode event = parse(text);
        boolean stored = inbox.store(SOURCE, InboxFields.externalId(event.get("id").asText(), "id"),
                InboxFields.eventType(event.get("event_type").asText(), "event_type"), null, text);
        return ResponseEntity.ok(Map.of("received", true, "duplicate", !stored));
    }

    /** RFC 7617: the scheme is case-insensitive; the credentials are compared in constant time. */
    private boolean authorised(String authorization) {
        if (authorization == null) {
            return false;
        }
        String[] parts = authorization.trim().split(" +", 2);
        return parts.length == 2 && parts[0].equalsIgnoreCase("Basic")
                && MessageDigest.isEqual(expected, parts[1].getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode parse(String body) {
        JsonNode event = RequestBodies.json(json, body);
        if (!event.path("id").isTextual() || !event.path("event_type").isTextual()
                || !event.path("content").isObject()) {
            throw new MalformedWebhookException("not a Chargebee event: id, event_type and content are required");
        }
        return event;
    }
}
