package io.referloop.hubspot;

import io.referloop.ingest.HubSpotSignatureV3;
import io.referloop.ingest.Inbox;
import io.referloop.ingest.RequestBodies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * {@code POST /webhooks/hubspot}: verifies the v3 signature over the exact bytes received, stores every
 * event in the inbox, and answers 204 only after they are committed. Processing happens later, from
 * the inbox, so a processing failure can never turn into a 4xx that would make HubSpot drop the event.
 */
@RestController
class HubSpotWebhookController {

    static final String SOURCE = "hubspot";

    private final HubSpotProperties properties;
    private final HubSpotWebhookParser parser;
    private final Inbox inbox;
    private final String publicBaseUrl;
    private final HubSpotSignatureV3 signature;

    HubSpotWebhookController(HubSpotProperties properties, HubSpotWebhookParser parser, Inbox inbox, Clock clock,
                             @Value("${referloop.public-base-url:http://localhost:8080}") String publicBaseUrl) {
        this.properties = properties;
        this.parser = parser;
        this.inbox = inbox;
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
        this.signature = properties.webhooksEnabled() ? new HubSpotSignatureV3(properties.clientSecret(), clock) : null;
    }

    @PostMapping("/webhooks/hubspot")
    void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (signature == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "HubSpot webhooks are off: set referloop.hubspot.client-secret");
        }
        byte[] body = RequestBodies.read(request);
        signature.verify(request.getMethod(), signedUri(request), body,
                request.getHeader("X-HubSpot-Signature-v3"), request.getHeader("X-HubSpot-Request-Timestamp"));
        List<HubSpotWebhookEvent> events = parser.parse(body);
        inbox.storeAll(SOURCE, events.stream()
                .map(e -> new Inbox.NewEvent(e.inboxKey(), e.subscriptionType(), e.objectId(), e.json()))
                .toList());
        // set on the response, not returned: a return value goes through the message converters, for no body
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    /** The URI HubSpot signed: the public base URL plus the path and query exactly as received. */
    private String signedUri(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String query = request.getQueryString();
        return publicBaseUrl + path + (query == null ? "" : "?" + query);
    }
}
