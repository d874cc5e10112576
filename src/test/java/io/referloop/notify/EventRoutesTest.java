package io.referloop.notify;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * routes/events.camel.yaml as shipped: which use (mail, Slack) each event type reaches. Only Camel and that file are
 * loaded; the uses themselves are mocked and skipped.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = EventRoutesTest.EventRoutes.class, properties = {
        "camel.main.routes-include-pattern=file:routes/events.camel.yaml",
        "camel.springboot.main-run-controller=false"})
class EventRoutesTest {

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(CamelAutoConfiguration.class)
    static class EventRoutes {
    }

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;

    MockEndpoint mail;
    MockEndpoint slack;

    @BeforeEach
    void usesMocked() throws Exception {
        if (!camel.isStarted()) {
            AdviceWith.adviceWith(camel, "event-reward-held", a -> a.mockEndpointsAndSkip("direct:notify-*"));
            camel.start();
        }
        MockEndpoint.resetMocks(camel);
        mail = camel.getEndpoint("mock:direct:notify-mail", MockEndpoint.class);
        slack = camel.getEndpoint("mock:direct:notify-slack", MockEndpoint.class);
    }

    private Exchange deliver(String type, String eventId) {
        // block=false: without a consumer the send fails at once instead of waiting for one to start
        return producer.send(RouteDelivery.endpointOf(type) + "?block=false", exchange -> {
            exchange.getMessage().setBody("{\"type\":\"" + type + "\",\"id\":\"" + eventId + "\",\"data\":{}}");
            exchange.getMessage().setHeader(RouteDelivery.TYPE_HEADER, type);
            exchange.getMessage().setHeader(RouteDelivery.ID_HEADER, eventId);
        });
    }

    @Test
    void aHeldRewardIsMailedToTheAdvocateAndAlertedInSlack() {
        deliver(EventTypes.REWARD_HELD, "ev-1");

        assertThat(mail.getReceivedExchanges()).hasSize(1);
        assertThat(slack.getReceivedExchanges()).hasSize(1);
    }

    @Test
    void aFailedRewardIsAlertedInSlackAndNotMailed() {
        deliver(EventTypes.REWARD_FAILED, "ev-2");

        assertThat(slack.getReceivedExchanges()).hasSize(1);
        assertThat(mail.getReceivedExchanges()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {EventTypes.ADVOCATE_ENROLLED, EventTypes.REFERRAL_ATTRIBUTED, EventTypes.REWARD_ISSUED,
            EventTypes.REWARD_REJECTED, EventTypes.ADVOCATE_REMINDER_DUE})
    void anAdvocateEventIsMailedAndNotAlertedInSlack(String type) {
        deliver(type, "ev-" + type);

        assertThat(mail.getReceivedExchanges()).hasSize(1);
        assertThat(slack.getReceivedExchanges()).isEmpty();
    }

    @Test
    void theEventReachesItsUseAsDeliveredWithItsTypeAndId() {
        Exchange delivered = deliver(EventTypes.REWARD_ISSUED, "ev-3");

        Exchange received = mail.getReceivedExchanges().get(0);
        assertThat(received.getMessage().getBody(String.class)).isEqualTo(delivered.getMessage().getBody(String.class));
        assertThat(received.getMessage().getHeaders()).containsAllEntriesOf(Map.of(
                RouteDelivery.TYPE_HEADER, EventTypes.REWARD_ISSUED, RouteDelivery.ID_HEADER, "ev-3"));
    }

    @ParameterizedTest
    @ValueSource(strings = {EventTypes.REFERRAL_REJECTED, EventTypes.REWARD_PENDING, EventTypes.REWARD_CANCELED})
    void anEventTypeWithoutARouteIsNotSentAnywhere(String type) {
        Exchange delivered = deliver(type, "ev-" + type);

        assertThat(delivered.getException()).isInstanceOf(DirectConsumerNotAvailableException.class);
        assertThat(mail.getReceivedExchanges()).isEmpty();
        assertThat(slack.getReceivedExchanges()).isEmpty();
    }

    @Test
    void onlyTheDocumentedTypesHaveARouteTheOthersAreSkippedByDelivery() {
        assertThat(EventTypes.ALL.stream().filter(type -> consumed(RouteDelivery.endpointOf(type))))
                .containsExactlyInAnyOrder(EventTypes.ADVOCATE_ENROLLED, EventTypes.REFERRAL_ATTRIBUTED,
                        EventTypes.REWARD_HELD, EventTypes.REWARD_REJECTED, EventTypes.REWARD_ISSUED,
                        EventTypes.REWARD_FAILED, EventTypes.ADVOCATE_REMINDER_DUE);
    }

    private boolean consumed(String uri) {
        String key = camel.getEndpoint(uri).getEndpointKey();
        return camel.getRoutes().stream().map(Route::getEndpoint).anyMatch(e -> e.getEndpointKey().equals(key));
    }
}
