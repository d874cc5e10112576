package io.referloop.mapping;

import io.referloop.ReferloopApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A broken mapping file stops start-up, naming the file and the line; nothing runs half-configured. */
class BrokenMappingStartupTest {

    @TempDir
    Path mappings;

    @Test
    void startUpStopsWithTheFileAndLineOfTheMistake() throws IOException {
        Files.copy(Path.of("mappings/hubspot.yaml"), mappings.resolve("hubspot.yaml"));
        Files.copy(Path.of("mappings/salesforce.yaml"), mappings.resolve("salesforce.yaml"));
        Files.writeString(mappings.resolve("program.yaml"), """
                programme:
                  name: Test
                  landing-url: https://example.com/
                enrolment:
                  triggers:
                    - field: nps-score
                      at-least: 9
                attribution:
                  window-days: -3
                """);

        assertThatThrownBy(() -> new SpringApplicationBuilder(ReferloopApplication.class)
                .run("--referloop.mappings.dir=" + mappings, "--server.port=0",
                        "--spring.datasource.url=jdbc:h2:mem:broken;DB_CLOSE_DELAY=-1"))
                .rootCause()
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("program.yaml:9:")
                .hasMessageContaining("window-days");
    }
}
