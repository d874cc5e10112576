package io.referloop;

import io.referloop.ingest.RouteFileStates;
import io.referloop.mapping.LiveMapping;
import io.referloop.mapping.MappingFiles;
import io.referloop.reward.RewardRules;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.timer.TimerEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An admin's change to routes/ or mappings/ applies while the connector runs; a change that cannot work is refused.
 * <p>
 * A context of its own (not {@link io.referloop.support.SharedContext}): it edits the files of its own routes/ and
 * mappings/ folders while running, which no other test may see.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class LiveReloadTest {

    static final Path ROUTES = temporaryFolder("routes");
    static final Path MAPPINGS = temporaryFolder("mappings");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Files.copy(Path.of("routes/hubspot-polling.camel.yaml"), ROUTES.resolve("hubspot-polling.camel.yaml"));
        for (String file : new String[]{"program.yaml", "hubspot.yaml", "salesforce.yaml"}) {
            Files.copy(Path.of("mappings", file), MAPPINGS.resolve(file));
        }
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:reload-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("camel.main.routes-include-pattern", () -> "classpath:camel/*.camel.yaml,file:" + ROUTES + "/*.camel.yaml");
        registry.add("referloop.mappings.dir", MAPPINGS::toString);
    }

    @AfterAll
    static void removeFolders() throws IOException {
        FileSystemUtils.deleteRecursively(ROUTES);
        FileSystemUtils.deleteRecursively(MAPPINGS);
    }

    @Autowired
    CamelContext camel;
    @Autowired
    RouteFileStates routeStates;
    @Autowired
    MappingFiles mappings;
    @Autowired
    LiveMapping<RewardRules> rewardRules;

    @Test
    void aChangedRewardAmountAppliesWithoutRestart() throws IOException {
        Files.writeString(MAPPINGS.resolve("program.yaml"), shippedProgramme().replace("    amount: 50", "    amount: 75"));

        await().atMost(Duration.ofSeconds(30)).until(() -> rewardRules.current().advocate().amount().intValue() == 75);
    }

    @Test
    void aMappingChangeWithAMistakeIsRefusedWithFileLineAndColumnAndTheRulesStay() throws IOException {
        BigDecimal before = rewardRules.current().advocate().amount();

        Files.writeString(MAPPINGS.resolve("program.yaml"), shippedProgramme().replace("    amount: 50", "    amount: fifty"));

        await().atMost(Duration.ofSeconds(30)).until(() -> mappings.lastChange("program.yaml")
                .filter(c -> c.refused() && c.message().contains("amount")).isPresent());
        assertThat(mappings.lastChange("program.yaml").orElseThrow().message()).containsPattern("program\\.yaml:\\d+:\\d+: ");
        assertThat(rewardRules.current().advocate().amount()).isEqualByComparingTo(before);
    }

    @Test
    void aChangedPollingScheduleAppliesWithoutRestart() throws IOException {
        edit(ROUTES.resolve("hubspot-polling.camel.yaml"), "period: 1000", "period: 4000");

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

    private static String shippedProgramme() throws IOException {
        return Files.readString(Path.of("mappings/program.yaml"));
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

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    private static Path temporaryFolder(String name) {
        try {
            return Files.createTempDirectory("referloop-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
