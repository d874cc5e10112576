package io.referloop.ingest;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The folders of route files that {@code camel.main.routes-include-pattern} names. */
class RouteFoldersTest {

    @Test
    void theShippedPatternNamesRoutesOfTheWorkingDirectoryAndNotTheJarsPlumbing() {
        RouteFolders folders = folders("classpath:camel/*.camel.yaml,file:routes/*.camel.yaml");

        assertThat(folders.all()).containsExactly(
                new RouteFolders.RouteFolder(Path.of("routes").toAbsolutePath(), "*.camel.yaml"));
    }

    @Test
    void aFolderLoadsTheFilesItsPatternNames() {
        RouteFolders.RouteFolder folder = folders("file:/srv/referloop/routes/*.camel.yaml").all().get(0);

        assertThat(folder.loadsFileNamed(Path.of("/srv/referloop/routes/crm.camel.yaml"))).isTrue();
        assertThat(folder.loadsFileNamed(Path.of("crm.yaml"))).isFalse();
    }

    @Test
    void withoutTheSettingThereIsNoFolder() {
        assertThat(new RouteFolders(new MockEnvironment()).all()).isEmpty();
    }

    private static RouteFolders folders(String pattern) {
        return new RouteFolders(new MockEnvironment().withProperty("camel.main.routes-include-pattern", pattern));
    }
}
