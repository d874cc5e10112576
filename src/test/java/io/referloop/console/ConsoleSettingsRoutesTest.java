package io.referloop.console;

import io.referloop.ingest.RouteFileStates;
import io.referloop.ingest.RouteFolders;
import io.referloop.mapping.LiveMapping;
import io.referloop.mapping.MappingFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The Settings page lists the route files the connector loads: those {@code camel.main.routes-include-pattern}
 * names, wherever they are, not a {@code routes/} folder of the working directory.
 */
class ConsoleSettingsRoutesTest {

    @TempDir
    Path elsewhere;

    private final RouteFileStates states = mock(RouteFileStates.class);

    @Test
    void theRouteFilesListedAreThoseOfTheFolderTheConnectorLoadsThemFrom() throws IOException {
        Files.writeString(elsewhere.resolve("referrals.camel.yaml"), "- route: {}");
        Files.writeString(elsewhere.resolve("billing.camel.yaml"), "- route: {}");
        Files.writeString(elsewhere.resolve("draft.yaml"), "- route: {}");
        Files.writeString(elsewhere.resolve("notes.txt"), "not a route");

        ConsoleSettings settings = settings("classpath:camel/*.camel.yaml,file:" + elsewhere + "/*.camel.yaml");

        assertThat(settings.routeFolders()).containsExactly(new ConsoleSettings.RouteFolderFiles(
                elsewhere.toAbsolutePath() + File.separator, List.of("billing.camel.yaml", "referrals.camel.yaml")));
    }

    @Test
    void everyFolderThePatternNamesIsListedInItsOrderWithItsRefusedChanges() throws IOException {
        Path shipped = Files.createDirectory(elsewhere.resolve("shipped"));
        Path local = Files.createDirectory(elsewhere.resolve("local"));
        Files.writeString(shipped.resolve("events.camel.yaml"), "- route: {}");
        Files.writeString(local.resolve("crm.routes.yaml"), "- route: {}");
        when(states.refusal("crm.routes.yaml"))
                .thenReturn(Optional.of(new RouteFileStates.Refusal("no endpoint named in route", Instant.EPOCH)));

        ConsoleSettings settings = settings("file:" + shipped + "/*.camel.yaml, file:" + local + "/*.routes.yaml");

        assertThat(settings.routeFolders()).extracting(ConsoleSettings.RouteFolderFiles::folder)
                .containsExactly(shipped + File.separator, local + File.separator);
        assertThat(settings.routeFolders()).flatExtracting(ConsoleSettings.RouteFolderFiles::files)
                .containsExactly("events.camel.yaml", "crm.routes.yaml");
        assertThat(settings.routeRefusals()).containsOnlyKeys("crm.routes.yaml");
    }

    @Test
    void aFolderNotThereYetIsListedWithoutFiles() {
        Path missing = elsewhere.resolve("not-yet");

        ConsoleSettings settings = settings("file:" + missing + "/*.camel.yaml");

        assertThat(settings.routeFolders()).containsExactly(
                new ConsoleSettings.RouteFolderFiles(missing + File.separator, List.of()));
    }

    @SuppressWarnings("unchecked")
    private ConsoleSettings settings(String routesIncludePattern) {
        MockEnvironment env = new MockEnvironment().withProperty("camel.main.routes-include-pattern", routesIncludePattern);
        return new ConsoleSettings(env, mock(MappingFiles.class), mock(LiveMapping.class), new RouteFolders(env), states);
    }
}
