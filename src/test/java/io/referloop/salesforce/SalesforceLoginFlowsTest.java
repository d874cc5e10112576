package io.referloop.salesforce;

import io.referloop.ReferloopApplication;
import io.referloop.demo.FakeSalesforce;
import io.referloop.ingest.PollCheckpoints;
import io.referloop.support.JwtKeystore;
import io.referloop.support.ShippedRoutes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connector logs in with each OAuth flow a connected app offers (username-password is in
 * {@link SalesforceLoopIT}) and then works: it polls, enrols a promoter and writes the code back. The shipped
 * routes/, with the poller's route ticking every {@value #TICK_MILLIS} ms instead of each second, so that the poll
 * after the change comes sooner.
 */
class SalesforceLoginFlowsTest {

    static final String ORG = "00Dxx0000000004EAA";
    static final String CLIENT_ID = "3MVG9-referloop";
    static final String USER = "integration@acme.io";
    static final long TICK_MILLIS = 200;

    @TempDir
    Path keys;
    @TempDir
    Path routes;

    private final FakeSalesforce salesforce = new FakeSalesforce(ORG, CLIENT_ID, "client-secret", USER, "pw+token").start();

    @AfterEach
    void stop() {
        salesforce.close();
    }

    @Test
    void withClientCredentialsTheConnectorLogsInAsTheAppsRunAsUserAndWorks() throws IOException {
        try (ConfigurableApplicationContext connector = start("CLIENT_CREDENTIALS",
                "--referloop.salesforce.client-secret=client-secret")) {
            aPromoterIsEnrolledAndWrittenBack(connector);
        }
        assertThat(salesforce.grantTypes()).isNotEmpty().containsOnly("client_credentials");
    }

    @Test
    void withJwtBearerTheConnectorSignsItsAssertionWithTheKeystoresKeyAndWorks() throws Exception {
        JwtKeystore keystore = JwtKeystore.create(keys, "connected-app", "keystore-pass");
        salesforce.trustCertificate(keystore.certificate());

        try (ConfigurableApplicationContext connector = start("JWT",
                "--referloop.salesforce.username=" + USER,
                "--referloop.salesforce.keystore-resource=" + keystore.resource(),
                "--referloop.salesforce.keystore-password=" + keystore.password())) {
            aPromoterIsEnrolledAndWrittenBack(connector);
        }
        assertThat(salesforce.grantTypes()).isNotEmpty().containsOnly("urn:ietf:params:oauth:grant-type:jwt-bearer");
    }

    private void aPromoterIsEnrolledAndWrittenBack(ConfigurableApplicationContext connector) {
        PollCheckpoints checkpoints = connector.getBean(PollCheckpoints.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> checkpoints.get("salesforce:Opportunity").isPresent());
        String promoter = salesforce.createRecord("Contact", Map.of("Email", "ada-" + UUID.randomUUID() + "@acme.io",
                "LastName", "Lovelace", "NPS_Score__c", 10));

        await().atMost(Duration.ofSeconds(30)).until(() -> salesforce.record("Contact", promoter).get("Referral_Code__c") != null);
    }

    private ConfigurableApplicationContext start(String flow, String... credentials) throws IOException {
        ShippedRoutes.tickingOften(routes, "salesforce-polling.camel.yaml", TICK_MILLIS);
        List<String> args = new ArrayList<>(List.of(
                "--camel.main.routes-include-pattern=" + ShippedRoutes.includePattern(routes),
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:sf-login-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--referloop.salesforce.authentication-type=" + flow,
                "--referloop.salesforce.login-url=" + salesforce.baseUrl(),
                "--referloop.salesforce.client-id=" + CLIENT_ID,
                // half a tick: every tick polls
                "--referloop.salesforce.poll-interval=" + TICK_MILLIS / 2 + "ms",
                "--referloop.salesforce.writeback-interval-ms=100",
                "--referloop.inbox.poll-interval-ms=50"));
        args.addAll(List.of(credentials));
        return new SpringApplicationBuilder(ReferloopApplication.class).run(args.toArray(String[]::new));
    }
}
