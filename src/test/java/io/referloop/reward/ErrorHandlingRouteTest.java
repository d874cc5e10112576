package io.referloop.reward;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The shared error handling of the plumbing routes (camel/error-handling.camel.yaml, route configuration
 * {@code referloop-errors}) as the reward-issuer route (camel/rewards.camel.yaml) uses it: a failed run is logged
 * and handled, not retried within the run; the work stays in the database and the next run takes it again.
 * The timer is replaced by a direct endpoint, so each send is one run.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = ErrorHandlingRouteTest.PlumbingRoutes.class, properties = {
        "camel.main.routes-include-pattern=classpath:camel/error-handling.camel.yaml,classpath:camel/rewards.camel.yaml",
        "camel.springboot.main-run-controller=false"})
class ErrorHandlingRouteTest {

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(CamelAutoConfiguration.class)
    static class PlumbingRoutes {
    }

    @MockitoBean(name = "rewardIssuer")
    RewardIssuer issuer;

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;

    MockEndpoint runEnded;

    @BeforeEach
    void eachRunOnDemand() throws Exception {
        if (!camel.isStarted()) {
            AdviceWith.adviceWith(camel, "reward-issuer", a -> {
                a.replaceFromWith("direct:reward-issuer");
                a.weaveAddLast().to("mock:run-ended");
            });
            camel.start();
        }
        MockEndpoint.resetMocks(camel);
        runEnded = camel.getEndpoint("mock:run-ended", MockEndpoint.class);
    }

    private Exchange run() {
        return producer.send("direct:reward-issuer", exchange -> exchange.getMessage().setBody(null));
    }

    @Test
    void aSuccessfulRunIssuesWhatIsDue() {
        when(issuer.issueDue()).thenReturn(2);

        Exchange run = run();

        assertThat(run.getException()).isNull();
        assertThat(runEnded.getReceivedExchanges()).hasSize(1);
    }

    @Test
    void aFailedRunIsHandledAndEndsWithoutItsRemainingSteps() {
        IllegalStateException failure = new IllegalStateException("gift-card provider unreachable");
        when(issuer.issueDue()).thenThrow(failure);

        Exchange run = run();

        assertThat(run.getException()).isNull();
        assertThat(run.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)).isSameAs(failure);
        assertThat(runEnded.getReceivedExchanges()).isEmpty();
    }

    @Test
    void aFailedRunIsNotRetriedWithinTheRun() {
        when(issuer.issueDue()).thenThrow(new IllegalStateException("gift-card provider unreachable"));

        run();

        verify(issuer, times(1)).issueDue();
    }

    @Test
    void theRouteKeepsRunningAfterAFailedRun() {
        when(issuer.issueDue()).thenThrow(new IllegalStateException("gift-card provider unreachable")).thenReturn(1);

        run();
        Exchange next = run();

        assertThat(camel.getRouteController().getRouteStatus("reward-issuer")).isEqualTo(ServiceStatus.Started);
        assertThat(next.getException()).isNull();
        assertThat(runEnded.getReceivedExchanges()).hasSize(1);
        verify(issuer, times(2)).issueDue();
    }
}
