package io.referloop.salesforce;

import io.referloop.support.SharedContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@SharedContext
class OutboundMessageTest {

    private static final String ACK = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
            + "<notificationsResponse xmlns=\"http://soap.sforce.com/2005/09/outbound\"><Ack>true</Ack></notificationsResponse>"
            + "</soapenv:Body></soapenv:Envelope>";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aValidMessageIsStoredAsATriggerAndAcknowledgedWithExactlyTheAckBody() throws Exception {
        String n1 = notificationId();
        String n2 = notificationId();
        HttpResponse<String> response = send(message("00Dxx0000000001", n1, n2));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(ACK);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
        assertThat(stored(n1) + stored(n2)).isEqualTo(2);
        assertThat(jdbc.sql("SELECT payload FROM inbox_event WHERE external_id = ?").param(n1).query(String.class).single())
                .contains("\"objectType\":\"Contact\"").contains("\"objectId\":\"003xx000004TmiQAAS\"")
                .as("the message's field values are not evidence, so they are not kept").doesNotContain("zoe@example.com");
    }

    @Test
    void aDuplicateIsAcknowledgedAndStoredOnce() throws Exception {
        String n = notificationId();
        send(message("00Dxx0000000001EAA", n));
        HttpResponse<String> again = send(message("00Dxx0000000001EAA", n));
        assertThat(again.body()).isEqualTo(ACK);
        assertThat(stored(n)).isEqualTo(1);
    }

    @Test
    void anotherOrganisationGetsAFaultAndChangesNothing() throws Exception {
        String n = notificationId();
        HttpResponse<String> response = send(message("00Dyy0000000002EAA", n));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("<soapenv:Fault>").doesNotContain("<Ack>");
        assertThat(stored(n)).isZero();
    }

    @Test
    void aMalformedEnvelopeGetsAFault() throws Exception {
        HttpResponse<String> response = send("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><oops>");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<soapenv:Fault>");
    }

    @Test
    void anEnvelopeWithADoctypeIsRefused() throws Exception {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + message("00Dxx0000000001EAA", notificationId()).replace("zoe@example.com", "&e;");
        HttpResponse<String> response = send(xxe);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("root:");
    }

    @Test
    void aDeeplyNestedFieldGetsAFault400InsteadOfOverflowingTheStack() throws Exception {
        String nested = "<a>".repeat(100_000) + "x" + "</a>".repeat(100_000);
        HttpResponse<String> response = send(message("00Dyy0000000002EAA", notificationId()).replace("zoe@example.com", nested));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<soapenv:Fault>");
    }

    @Test
    void anOrganisationIdThatOnlyStartsWithOursGetsAFault403() throws Exception {
        String n = notificationId();
        HttpResponse<String> response = send(message("00Dxx0000000001EAAX", n));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(stored(n)).isZero();
    }

    @Test
    void aNotificationIdTooLongForTheInboxGetsAFault400() throws Exception {
        HttpResponse<String> response = send(message("00Dxx0000000001EAA", "04l" + "N".repeat(300)));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<soapenv:Fault>");
    }

    @Test
    void notificationsOutsideTheSoapBodyGetAFault400() throws Exception {
        String n = notificationId();
        HttpResponse<String> response = send(message("00Dxx0000000001EAA", n).replace("soapenv:Body>", "soapenv:Header>"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(stored(n)).isZero();
    }

    @Test
    void aMessageOverOneMebibyteGetsAFault413() throws Exception {
        String n = notificationId();
        String padded = message("00Dxx0000000001EAA", n).replace("<soapenv:Body>",
                "<soapenv:Header><pad>" + "x".repeat(1024 * 1024) + "</pad></soapenv:Header><soapenv:Body>");
        HttpResponse<String> response = send(padded);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("<soapenv:Fault>");
        assertThat(stored(n)).isZero();
    }

    private HttpResponse<String> send(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/salesforce"))
                .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long stored(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM inbox_event WHERE source = 'salesforce' AND external_id = ?")
                .param(id).query(Long.class).single();
    }

    private static String notificationId() {
        return "04l" + UUID.randomUUID().toString().replace("-", "").substring(0, 15).toUpperCase();
    }

    static String message(String org, String... notificationIds) {
        StringBuilder notifications = new StringBuilder();
        for (String id : notificationIds) {
            notifications.append("<Notification><Id>").append(id).append("</Id>")
                    .append("<sObject xsi:type=\"sf:Contact\" xmlns:sf=\"urn:sobject.enterprise.soap.sforce.com\">")
                    .append("<sf:Id>003xx000004TmiQAAS</sf:Id><sf:Email>zoe@example.com</sf:Email>")
                    .append("<sf:NPS_Score__c>10</sf:NPS_Score__c><sf:Referral_Code__c xsi:nil=\"true\"/></sObject></Notification>");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<soapenv:Body><notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\">"
                + "<OrganizationId>" + org + "</OrganizationId><ActionId>04kxx0000000001AAA</ActionId>"
                + "<SessionId xsi:nil=\"true\"/><EnterpriseUrl>https://example.my.salesforce.com/services/Soap/c/66.0/00Dxx</EnterpriseUrl>"
                + "<PartnerUrl>https://example.my.salesforce.com/services/Soap/u/66.0/00Dxx</PartnerUrl>"
                + notifications + "</notifications></soapenv:Body></soapenv:Envelope>";
    }
}
