package io.referloop;

import io.referloop.ingest.RouteFileStates;
import io.referloop.mapping.LiveMapping;
import io.referloop.mapping.MappingFiles;
import io.referloop.reward.RewardRules;
import io.referloop.support.EditedMapping;
import io.referloop.support.LiveFilesContext;
import io.referloop.support.LiveFilesProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.timer.TimerEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An admin's change to routes/ or mappings/ applies while the connector runs; a change that cannot work is refused.
 * <p>
 * The routes/ and mappings/ it edits are the {@link LiveFilesContext}'s, which other tests read too: a test leaves
 * program.yaml and the HubSpot poller's route as it found them, and adds routes of its own in files of its own.
 */
@LiveFilesContext
class LiveReloadTest {

    static final Path ROUTES = LiveFilesProperties.routes();
    static final EditedMapping PROGRAMME = new EditedMapping(LiveFilesProperties.mappings(), "program.yaml");
    static final Path POLLING = ROUTES.resolve("hubspot-polling.camel.yaml");
    static final String POLLING_AS_STARTED = read(POLLING);

    @Autowired
    CamelContext camel;
    @Autowired
    RouteFileStates routeStates;
    @Autowired
    MappingFiles mappings;
    @Autowired
    LiveMapping<RewardRules> rewardRules;

    @AfterEach
    void editedFilesBack() throws IOException {
        if (!PROGRAMME.isShipped()) {
            PROGRAMME.saveShipped();
            await().atMost(Duration.ofSeconds(30)).until(() -> PROGRAMME.applied(mappings)
                    && rewardRules.current().advocate().amount().intValue() == 50);
        }
        if (!read(POLLING).equals(POLLING_AS_STARTED)) {
            Files.writeString(POLLING, POLLING_AS_STARTED);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    period("hubspot-poller") == LiveFilesProperties.HUBSPOT_TICK_MILLIS
                    && camel.getRouteController().getRouteStatus("hubspot-poller") == ServiceStatus.Started);
        }
    }

    @Test
    void aChangedRewardAmountAppliesWithoutRestart() {
        PROGRAMME.save(PROGRAMME.shipped().replace("    amount: 50", "    amount: 75"));

        await().atMost(Duration.ofSeconds(30)).until(() -> rewardRules.current().advocate().amount().intValue() == 75);
    }

    @Test
    void aMappingChangeWithAMistakeIsRefusedWithFileLineAndColumnAndTheRulesStay() {
        BigDecimal before = rewardRules.current().advocate().amount();

        PROGRAMME.save(PROGRAMME.shipped().replace("    amount: 50", "    amount: fifty"));

        await().atMost(Duration.ofSeconds(30)).until(() -> mappings.lastChange("program.yaml")
                .filter(c -> c.refused() && c.message().contains("amount")).isPresent());
        assertThat(mappings.lastChange("program.yaml").orElseThrow().message()).containsPattern("program\\.yaml:\\d+:\\d+: ");
        assertThat(rewardRules.current().advocate().amount()).isEqualByComparingTo(before);
    }

    @Test
    void aChangedPollingScheduleAppliesWithoutRestart() throws IOException {
        edit(POLLING, "period: " + LiveFilesProperties.HUBSPOT_TICK_MILLIS, "period: 4000");

        await().atMost(Duration.ofSeconds(30)).until(() -> period("hubspot-poller") == 4000);
        assertThat(camel.getRouteController().getRouteStatus("hubspot-poller")).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void aRouteFileThatDoesNotParseIsRefusedAndItsRoutesKeepRunning() throws IOException {
        Path teams = ROUTES.resolve("teams.camel.yaml");
        Files.writeString(teams, route("teams", "log:teams"));
        await().atMost(Duration.ofSeconds(30)).until(() -> camel.getRoute("teams") != null);

        Files.writeString(teams, route("teams", "log:teams").replace("- to:", "- tooo:"));

        await().atMost(Duration.ofSeconds(30)).until(() -> refusal("teams.camel.yaml").contains("tooo"));
        assertThat(refusal("teams.camel.yaml")).contains("teams.camel.yaml", "line 6");
        assertThat(camel.getRouteController().getRouteStatus("teams")).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void aRouteCallingABeanThatDoesNotExistIsRefusedAndThePreviousVersionKeepsRunning() throws IOException {
        Path slack = ROUTES.resolve("alerts.camel.yaml");
        Files.writeString(slack, route("alerts", "log:alerts"));
        await().atMost(Duration.ofSeconds(30)).until(() -> camel.getRoute("alerts") != null);

        Files.writeString(slack, route("alerts", "bean:nobodyHere").replace("- to:\n            uri: bean:nobodyHere",
                "- bean:\n            ref: nobodyHere\n            method: send"));

        await().atMost(Duration.ofSeconds(30)).until(() -> refusal("alerts.camel.yaml").contains("nobodyHere"));
        assertThat(firstStep("alerts")).isEqualTo("log:alerts");
        assertThat(camel.getRouteController().getRouteStatus("alerts")).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void aRouteCamelCannotStartIsRefusedAndThePreviousVersionIsLoadedAgain() throws IOException {
        Path digest = ROUTES.resolve("digest.camel.yaml");
        Files.writeString(digest, route("digest", "log:digest"));
        await().atMost(Duration.ofSeconds(30)).until(() -> camel.getRoute("digest") != null);

        Files.writeString(digest, route("digest", "nosuchcomponent:digest"));

        await().atMost(Duration.ofSeconds(30)).until(() -> refusal("digest.camel.yaml").contains("nosuchcomponent"));
        assertThat(firstStep("digest")).isEqualTo("log:digest");
        assertThat(camel.getRouteController().getRouteStatus("digest")).isEqualTo(ServiceStatus.Started);
    }

    private String refusal(String file) {
        return routeStates.refusal(file).map(RouteFileStates.Refusal::reason).orElse("");
    }

    private String firstStep(String routeId) {
        return ((org.apache.camel.model.ToDefinition) camel.getCamelContextExtension().getContextPlugin(
                org.apache.camel.model.Model.class).getRouteDefinition(routeId).getOutputs().get(0)).getUri();
    }

    private long period(String routeId) {
        return camel.getRoute(routeId) == null ? -1 : ((TimerEndpoint) camel.getRoute(routeId).getEndpoint()).getPeriod();
    }

    private static String route(String id, String to) {
        return """
                - route:
                    id: %s
                    from:
                      uri: direct:%s
                      steps:
                        - to:
                            uri: %s
                """.formatted(id, id, to);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }
}
