package io.referloop.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.referloop.demo.FakeSalesforce;
import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Camel starts the {@code salesforce} component, found in the registry as Spring's bean, on the thread that first
 * uses it; camel-salesforce creates its session in that start. At start-up the field check and the poller's first
 * tick can both be first: a call made while the other one starts the component waits for that start.
 */
class SalesforceClientStartTest {

    private static final String CLIENT_ID = "3MVG9-referloop";
    private static final String SECRET = "client-secret";
    private static final String USER = "integration@acme.io";
    private static final String PASSWORD = "pw+token";

    private final FakeSalesforce salesforce = new FakeSalesforce("00Dxx0000000006EAA", CLIENT_ID, SECRET, USER, PASSWORD).start();
    private final PausedStart pausedStart = new PausedStart();
    private final DefaultCamelContext camel = new DefaultCamelContext();

    @AfterEach
    void stop() {
        pausedStart.resume();
        camel.stop();
        salesforce.close();
    }

    @Test
    void aCallMadeWhileAnotherCallStartsTheComponentWaitsForTheStartAndSucceeds() throws Exception {
        SalesforceClient client = client();
        FutureTask<JsonNode> first = new FutureTask<>(() -> client.describe("Lead"));
        new Thread(first, "first-caller").start();
        assertThat(pausedStart.starting.await(30, TimeUnit.SECONDS)).as("the first call starts the component").isTrue();

        FutureTask<JsonNode> second = new FutureTask<>(() -> client.describe("Contact"));
        Thread secondCaller = new Thread(second, "second-caller");
        secondCaller.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> second.isDone() || waiting(secondCaller));
        pausedStart.resume();

        assertThat(second.get(30, TimeUnit.SECONDS).path("fields").findValuesAsText("name")).contains("Email");
        assertThat(first.get(30, TimeUnit.SECONDS).path("fields").findValuesAsText("name")).contains("Email");
    }

    private SalesforceClient client() {
        SalesforceProperties properties = new SalesforceProperties(salesforce.baseUrl(), null, "USERNAME_PASSWORD",
                CLIENT_ID, SECRET, USER, PASSWORD, null, null, null, "PKCS12", null, null, "62.0", null, null);
        SalesforceComponent component = new SalesforceConnection().salesforce(properties);
        component.setSslContextParameters(pausedStart);
        // as in the application: Camel finds the component in the registry when it is first used
        camel.getRegistry().bind("salesforce", component);
        camel.start();
        return new SalesforceClient(camel.createProducerTemplate(), properties, new ObjectMapper(), new SimpleMeterRegistry());
    }

    private static boolean waiting(Thread thread) {
        return thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.BLOCKED;
    }

    /** The component's start builds its SSL context before it creates the session: a slow start, paused there. */
    private static final class PausedStart extends SSLContextParameters {

        final CountDownLatch starting = new CountDownLatch(1);
        private final CountDownLatch resumed = new CountDownLatch(1);

        @Override
        public SSLContext createSSLContext(CamelContext camelContext) throws GeneralSecurityException, IOException {
            starting.countDown();
            try {
                resumed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.createSSLContext(camelContext);
        }

        void resume() {
            resumed.countDown();
        }
    }
}
