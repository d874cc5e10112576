package io.referloop.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.ingest.Inbox;
import io.referloop.ingest.MalformedWebhookException;
import io.referloop.ingest.RequestBodies;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.HtmlUtils;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /webhooks/salesforce}: a Salesforce outbound message. Every notification is stored in the
 * inbox (unique on its notification Id) before the SOAP {@code Ack true} goes back; a message from another
 * organisation, or one that is not a well-formed outbound message, gets a SOAP fault and changes nothing.
 * The organisation id is not a secret, so a notification is only a trigger: the record it names is read
 * through the API before anything is decided ({@link NotifiedRecords}).
 */
@RestController
class OutboundMessageController {

    static final String SOURCE = "salesforce";
    static final String EVENT_TYPE_PREFIX = "outbound:";
    static final String ACK = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
            + "<notificationsResponse xmlns=\"http://soap.sforce.com/2005/09/outbound\"><Ack>true</Ack></notificationsResponse>"
            + "</soapenv:Body></soapenv:Envelope>";
    private static final MediaType XML = MediaType.parseMediaType("text/xml;charset=UTF-8");
    private static final Logger log = LoggerFactory.getLogger(OutboundMessageController.class);

    private final SalesforceProperties properties;
    private final Inbox inbox;
    private final ObjectMapper json;
    private final OutboundMessageParser parser = new OutboundMessageParser();

    OutboundMessageController(SalesforceProperties properties, Inbox inbox, ObjectMapper json) {
        this.properties = properties;
        this.inbox = inbox;
        this.json = json;
    }

    @PostMapping("/webhooks/salesforce")
    ResponseEntity<String> receive(HttpServletRequest request) throws IOException {
        if (!properties.outboundMessagesEnabled()) {
            return fault(HttpStatus.NOT_FOUND, "Salesforce outbound messages are off: set referloop.salesforce.organization-id");
        }
        OutboundMessage message;
        try {
            message = parser.parse(RequestBodies.read(request));
        } catch (MalformedWebhookException e) {
            return fault(HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (ResponseStatusException e) {
            // Salesforce reads only SOAP faults: an oversize message gets one too
            return fault(HttpStatus.valueOf(e.getStatusCode().value()), e.getReason());
        }
        if (!properties.isOurOrganisation(message.organizationId())) {
            log.warn("Outbound message from organisation {} refused", message.organizationId());
            return fault(HttpStatus.FORBIDDEN, "OrganizationId is not the configured organisation");
        }
        for (OutboundMessage.Notification n : message.notifications()) {
            inbox.store(SOURCE, n.id(), EVENT_TYPE_PREFIX + n.objectType(), n.objectId(), payload(message, n));
        }
        return ResponseEntity.ok().contentType(XML).body(ACK);
    }

    /**
     * Only the trigger is kept: which record, of which type. The field values the message carries are not
     * stored, since anyone who knows the organisation id can send them; the record is read through the API.
     */
    private String payload(OutboundMessage message, OutboundMessage.Notification n) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("organizationId", message.organizationId());
        payload.put("actionId", message.actionId());
        payload.put("notificationId", n.id());
        payload.put("objectType", n.objectType());
        payload.put("objectId", n.objectId());
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A SOAP 1.1 fault: Salesforce keeps the message queued and retries it. */
    static ResponseEntity<String> fault(HttpStatus status, String reason) {
        String body = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
                + "<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>" + HtmlUtils.htmlEscape(reason)
                + "</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>";
        return ResponseEntity.status(status).contentType(XML).body(body);
    }
}
