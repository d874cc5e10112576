package io.referloop.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.ingest.Inbox;
import io.referloop.ingest.InboxFields;
import io.referloop.ingest.MalformedWebhookException;
import io.referloop.ingest.RequestBodies;
import io.referloop.ingest.StripeSignature;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * {@code POST /webhooks/stripe}: verifies {@code Stripe-Signature} over the raw bytes, stores the event
 * (unique on its {@code evt_} id) and answers 200 once committed, for every type, used or not.
 */
@RestController
class StripeWebhookController {

    static final String SOURCE = "stripe";

    // Written as they are: through the message converters (content negotiation, Jackson) these two fixed answers
    // cost more CPU than checking the signature, and Stripe sends every event in a request of its own.
    private static final byte[] STORED = "{\"received\":true,\"duplicate\":false}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DUPLICATE = "{\"received\":true,\"duplicate\":true}".getBytes(StandardCharsets.UTF_8);

    private final StripeSignature signature;
    private final Inbox inbox;
    private final ObjectMapper json;

    StripeWebhookController(StripeProperties properties, Inbox inbox, ObjectMapper json, Clock clock) {
        this.signature = properties.enabled() ? new StripeSignature(properties.webhookSecret(), clock) : null;
        this.inbox = inbox;
        this.json = json;
    }

    @PostMapping("/webhooks/stripe")
    void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (signature == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Stripe is off: set referloop.stripe.webhook-secret");
        }
        byte[] body = RequestBodies.read(request);
        signature.verify(body, request.getHeader("Stripe-Signature"));
        String text = RequestBodies.utf8(body);
        JsonNode event = parse(text);
        JsonNode objectId = event.path("data").path("object").path("id");
        boolean stored = inbox.storeAll(SOURCE, List.of(new Inbox.NewEvent(
                InboxFields.externalId(event.get("id").asText(), "id"),
                InboxFields.eventType(event.get("type").asText(), "type"),
                InboxFields.objectId(objectId.isValueNode() && !objectId.isNull() ? objectId.asText() : null, "data.object.id"),
                text))) == 1;
        byte[] answer = stored ? STORED : DUPLICATE;
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
    }

    private JsonNode parse(String body) {
        JsonNode event = RequestBodies.json(json, body);
        if (!event.isObject() || !event.path("id").isTextual() || !event.path("type").isTextual()
                || !event.path("data").path("object").isObject()) {
            throw new MalformedWebhookException("not a Stripe event: id, type and data.object are required");
        }
        return event;
    }
}
