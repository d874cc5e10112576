package io.referloop.salesforce;

import io.referloop.demo.FakeSalesforce;
import io.referloop.support.ConnectorInThisJvm;
import io.referloop.support.Deployment;
import io.referloop.support.PostgresAvailable;
import io.referloop.support.PostgresSchemas;
import io.referloop.support.ShippedRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.timer.TimerConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Salesforce polling as deployed: connectors sharing one PostgreSQL database. One instance polls at a time, a
 * graceful stop hands polling over at once, and a restart resumes from the checkpoint stored in the database (less
 * the overlap it reads again) rather than from "now". The scenario is one sequence: two instances, the polling one
 * stopped, then the other, and a third started while none ran.
 *
 * <p>The connectors are contexts in this JVM ({@link ConnectorInThisJvm}), not processes: every stop here is graceful,
 * and what makes them one cluster is only in the database (the poller's lease, each context's own lease owner, the
 * checkpoints), which contexts in one JVM share no more than processes do. A process would add nothing but its
 * start (about 12 s of CPU each); the harnesses that kill a connector with SIGKILL start processes.
 */
@ExtendWith(PostgresAvailable.class)
class SalesforcePollingClusterIT {

    private static final String ORG = "00Dxx0000000002EAA";
    private static final String POLL = "SystemModstamp >= ";

    @TempDir
    Path dir;

    private FakeSalesforce salesforce;
    private String schema;
    private JdbcClient jdbc;

    @BeforeEach
    void start() throws Exception {
        salesforce = PasswordLogin.org(ORG);
        schema = PostgresSchemas.create();
        jdbc = JdbcClient.create(new DriverManagerDataSource(PostgresSchemas.url(schema), "postgres", ""));
        Deployment.copyRoutesAndMappings(dir);
        // every wait here is for polls: the poller ticks (and polls) each 200 ms instead of each second
        ShippedRoutes.retime(dir.resolve("routes"), "salesforce-polling.camel.yaml", 200);
    }

    @AfterEach
    void stop() {
        salesforce.close();
    }

    @Test
    void instancesOnOneDatabasePollAsOneAGracefulStopHandsPollingOverAtOnceAndARestartResumesFromTheStoredCheckpoint()
            throws Exception {
        String late;
        try (ConfigurableApplicationContext first = connector()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> checkpoint("Opportunity") != null);
            try (ConfigurableApplicationContext second = connector()) {
                // at the second tick the first has ended (the timer runs one at a time): the second instance has asked
                // for the lease. Its first tick comes 2 s after its start, often after the promoters below are done.
                await().atMost(Duration.ofSeconds(30)).until(() -> pollerTicks(second) >= 2);
                List<String> promoters = List.of(promoter(), promoter(), promoter());
                await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> assertThat(promoters)
                        .allSatisfy(id -> assertThat(salesforce.record("Contact", id)).containsKey("Referral_Code__c")));
                Set<String> beforeStop = pollingSessions(salesforce.queries());
                assertThat(beforeStop).as("one instance polls at a time").hasSize(1);

                first.close();
                late = promoter();
                // the lease of a stopped poller would run 30.6 s: found sooner only if it was handed back
                await().atMost(Duration.ofSeconds(20)).until(() -> salesforce.record("Contact", late).containsKey("Referral_Code__c"));
                Set<String> all = pollingSessions(salesforce.queries());
                assertThat(all).as("the other instance took over").hasSize(2).containsAll(beforeStop);
                // the write-back is a new version of the record; wait until the poller has read that one too
                await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(late) == 2);
            }
        }
        String before = checkpoint("Contact");
        long storedForLate = inboxRows(late);
        int queriesBefore = salesforce.queries().size();

        String whileDown = promoter();
        try (ConfigurableApplicationContext restarted = connector()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> salesforce.record("Contact", whileDown).containsKey("Referral_Code__c"));
        }

        String firstContactPoll = salesforce.queries().subList(queriesBefore, salesforce.queries().size()).stream()
                .map(FakeSalesforce.Query::soql).filter(q -> q.contains(" FROM Contact ") && q.contains(POLL))
                .findFirst().orElseThrow();
        // the default overlap: two minutes before the checkpoint are read again
        String overlapStart = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX")
                .format(OffsetDateTime.parse(before).minusMinutes(2));
        assertThat(firstContactPoll).as("the restarted connector's first poll").contains(POLL + overlapStart);
        assertThat(inboxRows(late)).as("nothing read twice into the inbox").isEqualTo(storedForLate);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM advocate").query(Long.class).single())
                .as("each promoter enrolled once").isEqualTo(5);
    }

    private ConfigurableApplicationContext connector() {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + PostgresSchemas.url(schema),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--referloop.salesforce.poll-interval=200ms",
                "--referloop.salesforce.writeback-interval-ms=100",
                "--referloop.inbox.poll-interval-ms=50"));
        arguments.addAll(PasswordLogin.arguments(salesforce));
        return ConnectorInThisJvm.start(dir, arguments);
    }

    /** How often the connector's poller route has ticked; its timer runs one tick at a time. */
    private static long pollerTicks(ConfigurableApplicationContext connector) {
        Route poller = connector.getBean(CamelContext.class).getRoute("salesforce-poller");
        return ((TimerConsumer) poller.getConsumer()).getCounter();
    }

    private String promoter() {
        return salesforce.createRecord("Contact", Map.of("Email", "p-" + UUID.randomUUID().toString().substring(0, 8)
                + "@cluster.io", "LastName", "Promoter", "NPS_Score__c", 10));
    }

    private String checkpoint(String object) {
        return jdbc.sql("SELECT position FROM poll_checkpoint WHERE name = ?").param("salesforce:" + object)
                .query(String.class).optional().orElse(null);
    }

    private long inboxRows(String recordId) {
        return jdbc.sql("SELECT COUNT(*) FROM inbox_event WHERE source = 'salesforce' AND object_id = ?")
                .param(recordId).query(Long.class).single();
    }

    private static Set<String> pollingSessions(List<FakeSalesforce.Query> queries) {
        return queries.stream().filter(q -> q.soql().contains(POLL)).map(FakeSalesforce.Query::accessToken)
                .collect(Collectors.toSet());
    }
}
