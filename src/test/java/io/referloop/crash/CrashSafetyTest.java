package io.referloop.crash;

import io.referloop.demo.FakeHubSpot;
import io.referloop.support.ConnectorProcess;
import io.referloop.support.Deployment;
import io.referloop.support.HubSpotWebhooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.referloop.support.HubSpotWebhooks.batch;
import static io.referloop.support.HubSpotWebhooks.contactCreated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every event acknowledged with 2xx survives a SIGKILL of the connector the moment after, and is
 * processed once it is started again on the same H2 file. The connector runs as deployed: from a
 * folder holding routes/ and mappings/, with the shipped database settings.
 */
class CrashSafetyTest {

    private static final String TOKEN = "pat-crash";
    private static final String SECRET = "crash-secret";
    private static final String PUBLIC_BASE = "https://referloop.example.com";

    @TempDir
    Path dir;

    @Test
    void eventsAcknowledgedBeforeAKillAreAllProcessedAfterRestart() throws Exception {
        try (FakeHubSpot hubspot = new FakeHubSpot(TOKEN).start()) {
            hubspot.setRateLimitPer10s(10_000);
            Deployment.copyRoutesAndMappings(dir);
            List<String> arguments = List.of(
                    "--referloop.hubspot.base-url=" + hubspot.baseUrl(),
                    "--referloop.hubspot.access-token=" + TOKEN,
                    "--referloop.hubspot.client-secret=" + SECRET,
                    "--referloop.hubspot.rate-limit-per-10s=10000",
                    "--referloop.public-base-url=" + PUBLIC_BASE,
                    "--referloop.inbox.claim-timeout=2s",
                    "--referloop.inbox.poll-interval-ms=20");
            Path log = dir.resolve("connector.log");

            List<String> acknowledged = new ArrayList<>();
            ConnectorProcess first = ConnectorProcess.start(dir, log, arguments);
            HubSpotWebhooks webhooks = new HubSpotWebhooks(first.baseUrl(), PUBLIC_BASE, SECRET);
            for (int i = 0; i < 150; i++) {
                String id = hubspot.createContact(Map.of("email", "promoter" + i + "@crash.io", "nps_score", "10"));
                if (webhooks.send(batch(contactCreated(id))) == 204) {
                    acknowledged.add(id);
                }
            }
            first.kill();
            assertThat(acknowledged).hasSize(150);

            try (ConnectorProcess second = ConnectorProcess.start(dir, log, arguments)) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(acknowledged).allSatisfy(id ->
                                assertThat(hubspot.contact(id).get("referral_code")).isNotNull()));
            }
        }
    }
}
