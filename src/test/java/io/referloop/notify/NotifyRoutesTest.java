package io.referloop.notify;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.referloop.referral.ReferralLinks;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mail.MailConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.io.IOException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * routes/notify-mail.camel.yaml and routes/notify-slack.camel.yaml as shipped, with their beans: the mail is
 * rendered from templates/ and handed to a mock in place of the SMTP endpoint; Slack is a local fake. The mail
 * preferences and the notification log are mocked, so no database is needed.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = NotifyRoutesTest.NotifyRoutes.class, properties = {
        "camel.main.routes-include-pattern=file:routes/notify-mail.camel.yaml,file:routes/notify-slack.camel.yaml",
        "camel.springboot.main-run-controller=false",
        "spring.mail.host=smtp.referloop.test",
        "spring.mail.port=2525",
        "referloop.public-base-url=https://referloop.example.com"})
class NotifyRoutesTest {

    private static final WireMockServer SLACK = new WireMockServer(options().dynamicPort());

    static {
        SLACK.start();
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({CamelAutoConfiguration.class, JacksonAutoConfiguration.class})
    @EnableConfigurationProperties({NotificationsProperties.class, AlertsProperties.class})
    @Import({AdvocateMail.class, MailTemplates.class, SlackAlerts.class, ReferralLinks.class})
    static class NotifyRoutes {
    }

    @DynamicPropertySource
    static void slack(DynamicPropertyRegistry registry) {
        registry.add("referloop.alerts.slack-webhook-url", () -> SLACK.baseUrl() + "/services/T0/B0/slack");
    }

    @AfterAll
    static void stopSlack() {
        SLACK.stop();
    }

    @MockitoBean
    MailPreferences preferences;
    @MockitoBean
    NotificationLog notificationLog;
    @MockitoBean(name = "slackDigest")
    SlackDigest digest;

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;

    @BeforeEach
    void smtpMocked() throws Exception {
        if (!camel.isStarted()) {
            AdviceWith.adviceWith(camel, "notify-mail", a -> a.mockEndpointsAndSkip("smtp*"));
            camel.start();
        }
        MockEndpoint.resetMocks(camel);
        SLACK.resetAll();
        SLACK.stubFor(post(urlEqualTo("/services/T0/B0/slack")).willReturn(ok()));
        when(preferences.tokenFor(7L)).thenReturn("token-of-ada");
    }

    private MockEndpoint smtp() {
        return camel.getEndpoint("mock:smtp:smtp.referloop.test:2525", MockEndpoint.class);
    }

    private static String event(String type, String id) {
        return """
                {"type": "%s", "id": "%s", "timestamp": "2026-03-02T10:00:00Z",
                 "data": {"advocate": {"id": 7, "email": "ada@example.com", "name": "Ada Lovelace", "code": "ADA12345"},
                          "reward": {"id": 31, "amount": "50", "currency": "USD", "reason": "above the review threshold",
                                     "provider": "tremendous", "error": "HTTP 503"}}}""".formatted(type, id);
    }

    private Message onlyMailSent() {
        assertThat(smtp().getReceivedExchanges()).hasSize(1);
        return smtp().getReceivedExchanges().get(0).getMessage();
    }

    @Test
    void anAdvocateEmailIsRenderedFromTheTemplateOfItsTypeAndSentToTheAdvocate() {
        producer.sendBody("direct:notify-mail", event(EventTypes.REWARD_ISSUED, "ev-1"));

        Message mail = onlyMailSent();
        assertThat(mail.getHeader(MailConstants.MAIL_TO)).isEqualTo("ada@example.com");
        assertThat(mail.getHeader(MailConstants.MAIL_SUBJECT)).isEqualTo("Your gift card is on its way");
        assertThat(mail.getBody(String.class)).contains("Ada").contains("50 USD").doesNotContain("Lovelace");
        assertThat(mail.getHeader(MailConstants.MAIL_ALTERNATIVE_BODY, String.class)).startsWith("Hi Ada,");
    }

    @Test
    void everyAdvocateEmailCarriesAOneClickUnsubscribe() {
        producer.sendBody("direct:notify-mail", event(EventTypes.ADVOCATE_ENROLLED, "ev-2"));

        Message mail = onlyMailSent();
        assertThat(mail.getHeader("List-Unsubscribe"))
                .isEqualTo("<https://referloop.example.com/unsubscribe/token-of-ada>");
        assertThat(mail.getHeader("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
    }

    @Test
    void aSentEmailIsRecordedSoThatARedeliveryIsNotMailedAgain() {
        producer.sendBody("direct:notify-mail", event(EventTypes.REWARD_ISSUED, "ev-3"));

        verify(notificationLog).record("ev-3", AdvocateMail.CHANNEL);
    }

    @Test
    void anEventAlreadyMailedIsNotMailedAgain() {
        when(notificationLog.done("ev-4", AdvocateMail.CHANNEL)).thenReturn(true);

        producer.sendBody("direct:notify-mail", event(EventTypes.REWARD_ISSUED, "ev-4"));

        assertThat(smtp().getReceivedExchanges()).isEmpty();
    }

    @Test
    void anAdvocateWhoUnsubscribedIsNotMailed() {
        when(preferences.optedOut(7L)).thenReturn(true);

        producer.sendBody("direct:notify-mail", event(EventTypes.REWARD_ISSUED, "ev-5"));

        assertThat(smtp().getReceivedExchanges()).isEmpty();
        verify(notificationLog, never()).record(anyString(), anyString());
    }

    @Test
    void anEventTypeWithoutATemplateIsNotMailed() {
        producer.sendBody("direct:notify-mail", event(EventTypes.REWARD_FAILED, "ev-6"));

        assertThat(smtp().getReceivedExchanges()).isEmpty();
    }

    @Test
    void aHeldRewardIsPostedToSlackWithALinkToItsReview() {
        producer.sendBody("direct:notify-slack", event(EventTypes.REWARD_HELD, "ev-7"));

        SLACK.verify(1, postRequestedFor(urlEqualTo("/services/T0/B0/slack"))
                .withRequestBody(containing("Reward held for review: 50 USD for ada@example.com (Ada Lovelace)"))
                .withRequestBody(containing("https://referloop.example.com/console/review/31")));
        verify(notificationLog).record("ev-7", SlackAlerts.CHANNEL);
    }

    @Test
    void aFailedRewardIsPostedToSlackWithTheProvidersError() {
        producer.sendBody("direct:notify-slack", event(EventTypes.REWARD_FAILED, "ev-8"));

        SLACK.verify(1, postRequestedFor(urlEqualTo("/services/T0/B0/slack"))
                .withRequestBody(containing("Reward failed: 50 USD for ada@example.com (Ada Lovelace) (tremendous): HTTP 503")));
    }

    @Test
    void anEventAdminsDoNotHearAboutIsNotPostedToSlack() {
        producer.sendBody("direct:notify-slack", event(EventTypes.REWARD_ISSUED, "ev-9"));

        SLACK.verify(0, postRequestedFor(urlEqualTo("/services/T0/B0/slack")));
    }

    @Test
    void aMessageSlackRefusesFailsTheRouteSoThatTheEventComesAgain() {
        SLACK.stubFor(post(urlEqualTo("/services/T0/B0/slack")).willReturn(aResponse().withStatus(500)));

        Exchange sent = producer.send("direct:notify-slack",
                exchange -> exchange.getMessage().setBody(event(EventTypes.REWARD_HELD, "ev-10")));

        assertThat(sent.getException()).isInstanceOf(IOException.class).hasMessageContaining("HTTP 500");
        verify(notificationLog, never()).record(any(), any());
    }
}
