package io.referloop.harness;

import io.referloop.demo.FakeHubSpot;
import io.referloop.demo.FakeTremendous;
import io.referloop.harness.ReferralWorkload.Event;
import io.referloop.support.ConnectorProcess;
import io.referloop.support.Deployment;
import io.referloop.support.Harness;
import io.referloop.support.PostgresAvailable;
import io.referloop.support.PostgresSchemas;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
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
            List<ConnectorProcess> connectors = new ArrayList<>();
            connectors.add(start(arguments, 0));
            List<CompletableFuture<ConnectorProcess>> others = new ArrayList<>();
            for (int i = 1; i < INSTANCES; i++) {
                int n = i;
                others.add(CompletableFuture.supplyAsync(() -> start(arguments, n)));
            }
            others.forEach(o -> connectors.add(o.join()));
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
                            connectors.get(1).kill();
                            killed = true;
                        }
                        ConnectorProcess target = connectors.get(request++ % INSTANCES);
                        if (!target.isAlive()) {
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
                for (ConnectorProcess connector : connectors) {
                    connector.close();
                }
            }
            invariants.assertEffectsExactlyOnce(JdbcClient.create(new DriverManagerDataSource(url, "postgres", "")));
            assertThat(hubspot.rateLimitedCount()).as("429s from HubSpot across the three instances").isZero();
        }
    }

    private ConnectorProcess start(List<String> arguments, int instance) {
        try {
            return ConnectorProcess.start(dir, dir.resolve("connector-" + instance + ".log"), arguments,
                    Duration.ofMinutes(3));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
