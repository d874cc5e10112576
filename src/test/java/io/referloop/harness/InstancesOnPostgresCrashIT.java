package io.referloop.harness;

import io.referloop.demo.FakeHubSpot;
import io.referloop.demo.FakeTremendous;
import io.referloop.harness.ReferralWorkload.Event;
import io.referloop.support.ConnectorInThisJvm;
import io.referloop.support.ConnectorProcess;
import io.referloop.support.Deployment;
import io.referloop.support.Harness;
import io.referloop.support.PostgresAvailable;
import io.referloop.support.PostgresSchemas;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three connectors on one PostgreSQL schema share a burst of referral events, each request sent to the next
 * instance in turn; one instance is killed with SIGKILL mid-burst and not restarted. What it had acknowledged or
 * claimed is finished by the other two once its leases ran out: every acknowledged event has its effect once, no
 * reward is ordered twice, and the fake HubSpot, holding the three to one portal's quota, never answers 429.
 * <p>
 * Only the instance that is killed runs as a process of its own: a SIGKILL needs one. The two that survive are
 * connectors in this JVM ({@link ConnectorInThisJvm}), each a Spring and Camel context of its own with its own pool,
 * leases and claims on the shared schema, which is all the three share as processes too; a start here costs a few
 * seconds of CPU instead of a new JVM's twelve.
 */
@Tag(Harness.TAG)
@ExtendWith(PostgresAvailable.class)
class InstancesOnPostgresCrashIT {

    private static final HarnessAccounts ACCOUNTS = new HarnessAccounts("instances");
    private static final int INSTANCES = 3;
    private static final int PORTAL_LIMIT_PER_10S = 190;
    private static final int HUBSPOT_EVENTS_PER_REQUEST = 10;

    @TempDir
    Path dir;

    @Test
    void acknowledgedEventsHaveTheirEffectOnceWhenOneOfThreeInstancesIsKilled() throws Exception {
        int events = Harness.size(210, 10_000);
        String url = PostgresSchemas.url(PostgresSchemas.create());
        try (FakeHubSpot hubspot = ACCOUNTS.startHubSpot();
             FakeTremendous tremendous = ACCOUNTS.startTremendous()) {
            // the portal's quota, enforced by the fake, and every instance configured with all of it: only a quota
            // shared by the instances keeps them from N x the limit and the 429s that would follow
            hubspot.setRateLimitPer10s(PORTAL_LIMIT_PER_10S);
            ReferralWorkload workload = new ReferralWorkload(hubspot, "instances",
                    (events + ReferralWorkload.EVENTS_PER_GROUP - 1) / ReferralWorkload.EVENTS_PER_GROUP);
            ReferralInvariants invariants = new ReferralInvariants(workload, hubspot, tremendous);
            Deployment.copyRoutesAndMappings(dir);
            Map<String, String> settings = ACCOUNTS.settings(hubspot, PORTAL_LIMIT_PER_10S, tremendous);
            settings.put("spring.datasource.url", url);
            settings.put("spring.datasource.username", "postgres");
            settings.put("spring.datasource.password", "");
            settings.put("referloop.tremendous.timeout", "2s");
            settings.put("referloop.rewards.claim-timeout", "3s");
            settings.put("referloop.inbox.claim-timeout", "3s");
            settings.put("referloop.outbox.writer-lease", "5s");
            List<String> arguments = HarnessAccounts.arguments(settings);
            // the schema is migrated by the first instance; the others start once it is there
            List<Instance> connectors = new ArrayList<>();
            connectors.add(inThisJvm(arguments));
            CompletableFuture<Instance> victim = CompletableFuture.supplyAsync(() -> process(arguments));
            CompletableFuture<Instance> third = CompletableFuture.supplyAsync(() -> inThisJvm(arguments));
            connectors.add(victim.join());
            connectors.add(third.join());
            try {
                Set<String> acknowledged = new HashSet<>();
                int request = 0;
                boolean killed = false;
                while (acknowledged.size() < workload.eventCount()) {
                    List<Event> round = workload.ready().stream().filter(e -> !acknowledged.contains(e.key())).toList();
                    if (round.isEmpty()) {
                        Thread.sleep(100);
                        continue;
                    }
                    for (List<Event> delivery : WebhookSender.requests(round, HUBSPOT_EVENTS_PER_REQUEST)) {
                        if (!killed && acknowledged.size() >= workload.eventCount() * 2 / 5) {
                            connectors.get(1).kill().run();
                            killed = true;
                        }
                        Instance target = connectors.get(request++ % INSTANCES);
                        if (!target.alive().getAsBoolean()) {
                            continue;
                        }
                        WebhookSender sender = ACCOUNTS.sender(target.baseUrl());
                        if (WebhookSender.acknowledged(sender.send(delivery))) {
                            delivery.forEach(e -> acknowledged.add(e.key()));
                        }
                    }
                }
                assertThat(killed).as("an instance was killed mid-burst").isTrue();
                await().atMost(Duration.ofMinutes(Harness.isLong() ? 20 : 3)).pollInterval(Duration.ofMillis(200))
                        .until(invariants::settled);
            } finally {
                for (Instance connector : connectors) {
                    connector.stop().close();
                }
            }
            invariants.assertEffectsExactlyOnce(JdbcClient.create(new DriverManagerDataSource(url, "postgres", "")));
            assertThat(hubspot.rateLimitedCount()).as("429s from HubSpot across the three instances").isZero();
        }
    }

    /** One of the three connectors, however it runs. */
    private record Instance(String baseUrl, java.util.function.BooleanSupplier alive, Runnable kill, AutoCloseable stop) {
    }

    private Instance process(List<String> arguments) {
        try {
            ConnectorProcess process = ConnectorProcess.start(dir, dir.resolve("connector-process.log"), arguments,
                    Duration.ofMinutes(3));
            return new Instance(process.baseUrl(), process::isAlive, () -> {
                try {
                    process.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, process);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Instance inThisJvm(List<String> arguments) {
        ConfigurableApplicationContext context = ConnectorInThisJvm.start(dir, arguments);
        String url = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
        return new Instance(url, context::isActive, () -> {
            throw new IllegalStateException("only the process is killed");
        }, context);
    }
}
