package io.referloop.ingest;

import io.referloop.ReferloopApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** routes/ holds what an admin changes; the plumbing comes from the jar, and a route the setup needs is checked at start. */
class RoutesStartupTest {

    @TempDir
    Path routes;

    @Test
    void withoutTheRoutesFolderThePlumbingStillRuns() {
        try (ConfigurableApplicationContext app = start()) {
            org.apache.camel.CamelContext camel = app.getBean(org.apache.camel.CamelContext.class);
            assertThat(camel.getRoutes()).extracting(org.apache.camel.Route::getRouteId)
                    .contains("hubspot-inbox", "hubspot-writeback", "stripe-inbox", "chargebee-inbox",
                            "salesforce-inbox", "reward-issuer");
        }
    }

    @Test
    void aPollerThatTheSettingsNeedButRoutesLacksStopsStartUpNamingTheFile() {
        assertThatThrownBy(() -> start("--referloop.hubspot.access-token=pat-x", "--referloop.hubspot.poll-interval=1m"))
                .hasMessageContaining("route hubspot-poller is missing")
                .hasMessageContaining("routes/hubspot-polling.camel.yaml");
    }

    @Test
    void aBrokenRouteFileStopsStartUpNamingTheFileAndLine() throws java.io.IOException {
        java.nio.file.Files.writeString(routes.resolve("teams.camel.yaml"), """
                - route:
                    id: teams
                    from:
                      uri: direct:teams
                      steps:
                        - tooo:
                            uri: log:teams
                """);

        assertThatThrownBy(() -> start())
                .satisfies(e -> assertThat(org.assertj.core.util.Throwables.getStackTrace(e))
                        .contains("teams.camel.yaml").containsPattern("line \\d+|:\\d+")
                        .contains("tooo"));
    }

    private ConfigurableApplicationContext start(String... more) {
        String[] args = new String[more.length + 3];
        args[0] = "--camel.main.routes-include-pattern=classpath:camel/*.camel.yaml,file:" + routes + "/*.camel.yaml";
        args[1] = "--server.port=0";
        args[2] = "--spring.datasource.url=jdbc:h2:mem:routes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        System.arraycopy(more, 0, args, 3, more.length);
        return new SpringApplicationBuilder(ReferloopApplication.class).run(args);
    }
}
