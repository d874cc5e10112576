package io.referloop.ingest;

import io.referloop.ReferloopApplication;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A drain claims again at once while its claims come back full: a backlog of several batches is processed in one
 * timer tick, not one batch per period.
 */
class InboxDrainTest {

    @Test
    void aBacklogOfSeveralBatchesDrainsInOneTick() throws Exception {
        // batches of 2 and a period of an hour: only the first tick (1 s after the route starts) can drain anything
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ReferloopApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:drain-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--referloop.inbox.batch-size=2",
                "--referloop.inbox.poll-interval-ms=3600000")) {
            CamelContext camel = app.getBean(CamelContext.class);
            camel.getRouteController().stopRoute("stripe-inbox");
            Inbox inbox = app.getBean(Inbox.class);
            for (int i = 0; i < 7; i++) {
                inbox.store("stripe", "evt_drain_" + i, "invoice.paid", null, invoicePaid(i));
            }

            camel.getRouteController().startRoute("stripe-inbox");

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(inbox.count("stripe", Inbox.IGNORED) + inbox.count("stripe", Inbox.DONE)).isEqualTo(7));
            assertThat(inbox.count("stripe", Inbox.NEW)).isZero();
        }
    }

    private static String invoicePaid(int i) {
        return """
                {"id":"evt_drain_%d","object":"event","type":"invoice.paid","created":1700000000,"data":{"object":{
                "id":"in_drain_%d","object":"invoice","customer":"cus_drain_%d","customer_email":"nobody%d@corp%d.example",
                "amount_paid":4900,"currency":"usd","billing_reason":"subscription_create","status":"paid"}}}"""
                .formatted(i, i, i, i, i);
    }
}
