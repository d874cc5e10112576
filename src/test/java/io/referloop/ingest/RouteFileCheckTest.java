package io.referloop.ingest;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A changed file of routes/ is checked before the running routes are touched. */
class RouteFileCheckTest {

    public static class Poller {
        public void pollIfDue() {
        }
    }

    private static final Path POLLING = Path.of("/srv/referloop/routes/polling.camel.yaml").toAbsolutePath();
    private static final Path OTHER = Path.of("/srv/referloop/routes/other.camel.yaml").toAbsolutePath();

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private RouteFileCheck check;

    @BeforeEach
    void runningRoutes() throws Exception {
        camel.getRegistry().bind("poller", new Poller());
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.fromString("file:" + POLLING, route("poller", "poller", "pollIfDue")),
                ResourceHelper.fromString("file:" + OTHER, route("other", "poller", "pollIfDue")));
        camel.start();
        check = new RouteFileCheck(camel, List.of(
                new RequiredRoute("poller", "polling.camel.yaml", "polling is on", true),
                new RequiredRoute("optional", "optional.camel.yaml", "polling is off", false)));
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aValidChangeHasNoProblems() {
        assertThat(check.problems(POLLING, route("poller", "poller", "pollIfDue").replace("1000", "60000"))).isEmpty();
    }

    @Test
    void yamlThatDoesNotParseIsRefusedWithTheFileAndTheReason() {
        String broken = route("poller", "poller", "pollIfDue").replace("- bean:", "- tooo:");

        assertThat(check.problems(POLLING, broken)).singleElement().asString()
                .contains("polling.camel.yaml").contains("tooo");
    }

    @Test
    void anEmptyFileIsRefusedSinceRemovingRoutesTakesADelete() {
        assertThat(check.problems(OTHER, "\n")).singleElement().asString().contains("empty");
    }

    @Test
    void aBeanThatDoesNotExistIsRefused() {
        assertThat(check.problems(POLLING, route("poller", "nobody", "pollIfDue"))).singleElement().asString()
                .contains("bean nobody, which does not exist");
    }

    @Test
    void aMethodTheBeanLacksIsRefused() {
        assertThat(check.problems(POLLING, route("poller", "poller", "pollSometimes"))).singleElement().asString()
                .contains("method pollSometimes of bean poller");
    }

    @Test
    void removingARequiredRouteIsRefusedNamingTheFileToKeepItIn() {
        assertThat(check.problems(POLLING, route("renamed", "poller", "pollIfDue"))).singleElement().asString()
                .contains("route poller would be missing (polling is on)").contains("routes/polling.camel.yaml");
    }

    @Test
    void deletingTheFileOfARequiredRouteIsRefused() {
        assertThat(check.problems(POLLING, null)).singleElement().asString().contains("route poller would be missing");
    }

    @Test
    void deletingAFileNoSettingNeedsHasNoProblems() {
        assertThat(check.problems(OTHER, null)).isEmpty();
    }

    @Test
    void aRouteIdAnotherFileUsesIsRefused() {
        assertThat(check.problems(POLLING, route("poller", "poller", "pollIfDue") + route("other", "poller", "pollIfDue")))
                .singleElement().asString().contains("route id other is already used");
    }

    @Test
    void aRouteIdOfARouteMadeFromATemplateInTheJarIsRefused() throws Exception {
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("classpath:camel/drain.camel.yaml", """
                - routeTemplate:
                    id: drain
                    parameters:
                      - name: source
                    route:
                      from:
                        uri: timer:{{source}}-inbox
                        steps:
                          - bean:
                              ref: poller
                              method: pollIfDue
                - templatedRoute:
                    routeTemplateRef: drain
                    routeId: stripe-inbox
                    parameters:
                      - name: source
                        value: stripe
                """));

        assertThat(check.problems(OTHER, route("stripe-inbox", "poller", "pollIfDue")))
                .singleElement().asString().contains("route id stripe-inbox is already used");
    }

    @Test
    void aRouteTemplateOrATemplatedRouteInRoutesIsRefused() {
        String templated = """
                - templatedRoute:
                    routeTemplateRef: inbox-drain
                    routeId: extra-inbox
                    parameters:
                      - name: source
                        value: extra
                """;

        assertThat(check.problems(OTHER, templated)).singleElement().asString()
                .contains("route templates and templated routes are not taken from routes/");
    }

    @Test
    void aRouteWithoutAnIdIsRefused() {
        assertThat(check.problems(OTHER, route("other", "poller", "pollIfDue").replace("    id: other\n", "")))
                .singleElement().asString().contains("has no id");
    }

    private static String route(String id, String bean, String method) {
        return """
                - route:
                    id: %s
                    from:
                      uri: timer:%s
                      parameters:
                        period: 1000
                      steps:
                        - bean:
                            ref: %s
                            method: %s
                """.formatted(id, id, bean, method);
    }
}
