package io.referloop.ingest;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The four inbox drains, each a route of the template {@code inbox-drain} (camel/inbox-drain.camel.yaml) made by its
 * source's file: each claims its own source and hands the batches to its own bean, again at once while claims come
 * back full; only HubSpot's tells the write-back after a batch. The template's file is loaded last, so a source's
 * file may name it before it is read. The timers are replaced by direct endpoints, so each send is one tick.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = InboxDrainRoutesTest.Drains.class, properties = {
        "camel.main.routes-include-pattern=classpath:camel/error-handling.camel.yaml,classpath:camel/hubspot.camel.yaml,"
                + "classpath:camel/stripe.camel.yaml,classpath:camel/chargebee.camel.yaml,"
                + "classpath:camel/salesforce.camel.yaml,classpath:camel/inbox-drain.camel.yaml",
        "camel.springboot.main-run-controller=false",
        "referloop.inbox.batch-size=2",
        "referloop.hubspot.inbox-batch-size=3"})
class InboxDrainRoutesTest {

    private static final String WRITEBACK_NOW = "seda:hubspot-writeback-now";
    private static final List<String> SOURCES = List.of("hubspot", "stripe", "chargebee", "salesforce");
    // the beans the routes call, bound once in the context the class's tests share
    private static final QueuedInbox INBOX = new QueuedInbox();
    private static final Map<String, Batches> PROCESSORS = Map.of(
            "hubSpotInbox", new Batches(), "billingInbox", new Batches(), "salesforceInbox", new Batches());
    private static final Writeback HUBSPOT_WRITEBACK = new Writeback();

    /** Claims what a test queued for a source, then nothing. */
    public static class QueuedInbox {
        private final Map<String, Deque<List<InboxEvent>>> queued = new ConcurrentHashMap<>();
        private final List<String> claims = new CopyOnWriteArrayList<>();
        private final List<String> limits = new CopyOnWriteArrayList<>();

        void queue(String source, List<List<InboxEvent>> batches) {
            queued.computeIfAbsent(source, s -> new ArrayDeque<>()).addAll(batches);
        }

        public List<InboxEvent> claim(String source, int limit) {
            claims.add(source);
            limits.add(source + ":" + limit);
            List<InboxEvent> next = queued.getOrDefault(source, new ArrayDeque<>()).poll();
            return next == null ? List.of() : next;
        }
    }

    /** A processing bean that keeps the batches it is given; a batch with an event of id -1 fails. */
    public static class Batches {
        private final List<List<InboxEvent>> seen = new CopyOnWriteArrayList<>();

        public void process(List<InboxEvent> events) {
            seen.add(events);
            if (events.stream().anyMatch(e -> e.id() == -1)) {
                throw new IllegalStateException("batch failed");
            }
        }
    }

    public static class Writeback {
        private final AtomicInteger flushes = new AtomicInteger();

        public void flush() {
            flushes.incrementAndGet();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(CamelAutoConfiguration.class)
    static class Drains {
    }

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;

    MockEndpoint toldAfterBatch;

    @BeforeEach
    void eachTickOnDemand() throws Exception {
        if (!camel.isStarted()) {
            camel.getRegistry().bind("inbox", INBOX);
            PROCESSORS.forEach(camel.getRegistry()::bind);
            camel.getRegistry().bind("hubSpotWriteback", HUBSPOT_WRITEBACK);
            camel.getRegistry().bind("salesforceWriteback", new Writeback());
            for (String source : SOURCES) {
                AdviceWith.adviceWith(camel, source + "-inbox", a -> {
                    a.replaceFromWith("direct:" + source + "-inbox");
                    a.mockEndpoints(WRITEBACK_NOW + "*");
                });
            }
            // the write-back's own timers would flush too: only the drain's request may
            for (String route : List.of("hubspot-writeback", "salesforce-writeback")) {
                AdviceWith.adviceWith(camel, route, a -> a.replaceFromWith("direct:" + route));
            }
            camel.start();
        }
        MockEndpoint.resetMocks(camel);
        toldAfterBatch = camel.getEndpoint("mock:" + WRITEBACK_NOW, MockEndpoint.class);
        INBOX.queued.clear();
        INBOX.claims.clear();
        INBOX.limits.clear();
        PROCESSORS.values().forEach(p -> p.seen.clear());
    }

    @Test
    void eachDrainIsARouteOfTheTemplateWithTheSharedErrorHandling() {
        for (String source : SOURCES) {
            Route route = camel.getRoute(source + "-inbox");
            assertThat(route).as(source).isNotNull();
            assertThat(route.getProperties()).containsEntry(Route.TEMPLATE_PROPERTY, "true");
            assertThat(route.getConfigurationId()).isEqualTo("referloop-errors");
        }
    }

    @Test
    void aBacklogIsClaimedAgainWhileClaimsComeBackFullAndEachBatchTellsTheWriteback() {
        INBOX.queue("hubspot", List.of(batch("hubspot", 1, 2, 3), batch("hubspot", 4, 5, 6), batch("hubspot", 7)));

        tick("hubspot");

        assertThat(PROCESSORS.get("hubSpotInbox").seen).extracting(List::size).containsExactly(3, 3, 1);
        assertThat(INBOX.claims).containsExactly("hubspot", "hubspot", "hubspot");
        assertThat(toldAfterBatch.getReceivedCounter()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(30)).until(() -> HUBSPOT_WRITEBACK.flushes.get() >= 1);
    }

    @Test
    void eachDrainClaimsItsOwnSourceForItsOwnBeanAndOnlyHubSpotTellsTheWriteback() {
        INBOX.queue("stripe", List.of(batch("stripe", 1)));
        INBOX.queue("chargebee", List.of(batch("chargebee", 2)));
        INBOX.queue("salesforce", List.of(batch("salesforce", 3)));

        tick("stripe");
        tick("chargebee");
        tick("salesforce");

        assertThat(PROCESSORS.get("billingInbox").seen).flatExtracting(b -> b).extracting(InboxEvent::source)
                .containsExactly("stripe", "chargebee");
        assertThat(PROCESSORS.get("salesforceInbox").seen).flatExtracting(b -> b).extracting(InboxEvent::source)
                .containsExactly("salesforce");
        assertThat(PROCESSORS.get("hubSpotInbox").seen).isEmpty();
        assertThat(toldAfterBatch.getReceivedCounter()).isZero();
    }

    @Test
    void hubSpotClaimsItsOwnBatchSizeAndTheOtherSourcesTheInboxs() {
        for (String source : SOURCES) {
            tick(source);
        }

        assertThat(INBOX.limits).containsExactly("hubspot:3", "stripe:2", "chargebee:2", "salesforce:2");
    }

    @Test
    void anEmptyClaimHandsNothingOnAndTellsNoOne() {
        tick("hubspot");

        assertThat(INBOX.claims).containsExactly("hubspot");
        assertThat(PROCESSORS.get("hubSpotInbox").seen).isEmpty();
        assertThat(toldAfterBatch.getReceivedCounter()).isZero();
    }

    @Test
    void aTickStopsAfterAHundredClaimsEvenWhileTheyComeBackFull() {
        INBOX.queue("stripe", IntStream.range(0, 150).mapToObj(i -> batch("stripe", 2L * i + 1, 2L * i + 2)).toList());

        tick("stripe");

        assertThat(PROCESSORS.get("billingInbox").seen).hasSize(100);
    }

    @Test
    void aFailedBatchIsLoggedAndHandledAndTheTickEnds() {
        INBOX.queue("salesforce", List.of(batch("salesforce", -1, 2), batch("salesforce", 3, 4)));

        Exchange tick = tick("salesforce");

        assertThat(tick.getException()).isNull();
        assertThat(tick.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)).hasMessage("batch failed");
        assertThat(PROCESSORS.get("salesforceInbox").seen).hasSize(1);
    }

    private Exchange tick(String source) {
        return producer.send("direct:" + source + "-inbox", exchange -> exchange.getMessage().setBody(null));
    }

    private static List<InboxEvent> batch(String source, long... ids) {
        List<InboxEvent> events = new ArrayList<>();
        for (long id : ids) {
            events.add(new InboxEvent(id, source, "evt-" + id, "test", null, "{}", Instant.EPOCH, 1));
        }
        return events;
    }
}
