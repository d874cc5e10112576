package io.referloop.salesforce;

import io.referloop.ingest.InboxFields;
import io.referloop.ingest.MalformedWebhookException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Salesforce's outbound-message SOAP envelope (namespace {@code http://soap.sforce.com/2005/09/outbound}).
 * The parser refuses DTDs and external entities, and nesting deeper than an outbound message ever has
 * (reading text out of a deeper tree recurses once per level): the body comes from the internet.
 */
class OutboundMessageParser {

    static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String OUTBOUND = "http://soap.sforce.com/2005/09/outbound";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    static final int MAX_NOTIFICATIONS = 100;
    /** Envelope, Body, notifications, Notification, sObject, field: six; the rest is headroom. */
    static final int MAX_DEPTH = 32;
    private static final String MAX_ELEMENT_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

    private final DocumentBuilderFactory factory;

    OutboundMessageParser() {
        factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setExpandEntityReferences(false);
        try {
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setAttribute(MAX_ELEMENT_DEPTH, Integer.toString(MAX_DEPTH));
    }

    OutboundMessage parse(byte[] body) {
        Document document = read(body);
        Element envelope = document.getDocumentElement();
        if (!SOAP.equals(envelope.getNamespaceURI()) || !"Envelope".equals(envelope.getLocalName())) {
            throw new MalformedWebhookException("not a SOAP 1.1 envelope");
        }
        Element soapBody = child(envelope, SOAP, "Body");
        if (soapBody == null) {
            throw new MalformedWebhookException("the SOAP envelope has no Body");
        }
        Element notifications = first(soapBody, OUTBOUND, "notifications");
        if (notifications == null) {
            throw new MalformedWebhookException("no outbound-message notifications element");
        }
        String org = text(notifications, "OrganizationId");
        if (org == null) {
            throw new MalformedWebhookException("OrganizationId is missing");
        }
        List<OutboundMessage.Notification> list = new ArrayList<>();
        NodeList items = notifications.getElementsByTagNameNS(OUTBOUND, "Notification");
        if (items.getLength() == 0 || items.getLength() > MAX_NOTIFICATIONS) {
            throw new MalformedWebhookException("an outbound message holds 1 to 100 notifications, not " + items.getLength());
        }
        for (int i = 0; i < items.getLength(); i++) {
            list.add(notification((Element) items.item(i)));
        }
        return new OutboundMessage(org, text(notifications, "ActionId"), list);
    }

    private OutboundMessage.Notification notification(Element element) {
        String id = text(element, "Id");
        Element sObject = first(element, OUTBOUND, "sObject");
        if (id == null || sObject == null) {
            throw new MalformedWebhookException("a notification needs an Id and an sObject");
        }
        String type = sObject.getAttributeNS(XSI, "type");
        type = type.contains(":") ? type.substring(type.indexOf(':') + 1) : type;
        Map<String, String> fields = new LinkedHashMap<>();
        NodeList children = sObject.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child instanceof Element field) {
                boolean nil = "true".equals(field.getAttributeNS(XSI, "nil"));
                fields.put(field.getLocalName(), nil ? null : field.getTextContent());
            }
        }
        if (type.isBlank() || fields.get("Id") == null) {
            throw new MalformedWebhookException("a notification's sObject needs an xsi:type and an Id");
        }
        InboxFields.externalId(id, "notification Id");
        InboxFields.objectId(fields.get("Id"), "sObject Id");
        InboxFields.eventType(OutboundMessageController.EVENT_TYPE_PREFIX + type, "sObject xsi:type");
        return new OutboundMessage.Notification(id, type, fields.get("Id"), fields);
    }

    private Document read(byte[] body) {
        try {
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(body));
        } catch (SAXException | IOException e) {
            throw new MalformedWebhookException("not well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Element child(Element parent, String namespace, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && namespace.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static Element first(Element parent, String namespace, String name) {
        NodeList nodes = parent.getElementsByTagNameNS(namespace, name);
        return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
    }

    private static String text(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child instanceof Element e && name.equals(e.getLocalName()) && OUTBOUND.equals(e.getNamespaceURI())) {
                String value = e.getTextContent().trim();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }
}
