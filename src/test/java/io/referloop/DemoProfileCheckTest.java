package io.referloop;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo runs from the test classpath only; the demo profile anywhere else stops start-up and says how to run it. */
class DemoProfileCheckTest {

    private static final String COMMAND = "./mvnw spring-boot:test-run -Dspring-boot.run.profiles=demo";

    private final DemoProfileCheck check = new DemoProfileCheck();
    private final SpringApplication application = new SpringApplication(ReferloopApplication.class);

    @Test
    void theDemoProfileWithoutTheDemoOnTheClasspathStopsStartUpNamingTheCommand() {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("demo");

        assertThatThrownBy(() -> check.postProcessEnvironment(environment, application))
                .isInstanceOf(DemoProfileCheck.DemoNotOnClasspathException.class)
                .hasMessageContaining("the demo runs from the test classpath: " + COMMAND);
    }

    @Test
    void theDemoProfileWithTheDemoConfigurationPasses() {
        MockEnvironment environment = new MockEnvironment().withProperty(DemoProfileCheck.MARKER, "true");
        environment.setActiveProfiles("demo");

        assertThatCode(() -> check.postProcessEnvironment(environment, application)).doesNotThrowAnyException();
    }

    @Test
    void withoutTheDemoProfileNothingIsChecked() {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("prod");

        assertThatCode(() -> check.postProcessEnvironment(environment, application)).doesNotThrowAnyException();
    }

    @Test
    void theDemoConfigurationOnTheTestClasspathCarriesTheMarker() throws IOException {
        List<PropertySource<?>> demo = new YamlPropertySourceLoader()
                .load("application-demo.yaml", new ClassPathResource("application-demo.yaml"));

        assertThat(demo).anySatisfy(source ->
                assertThat(String.valueOf(source.getProperty(DemoProfileCheck.MARKER))).isEqualTo("true"));
    }

    @Test
    void theConnectorStartedWithTheDemoProfileButNoDemoStopsBeforeAnythingRuns() {
        // the command line overrides the test classpath's application-demo.yaml: as if it were not there
        assertThatThrownBy(() -> new SpringApplicationBuilder(ReferloopApplication.class)
                .run("--spring.profiles.active=demo", "--" + DemoProfileCheck.MARKER + "=false", "--server.port=0",
                        "--spring.datasource.url=jdbc:h2:mem:demo-check;DB_CLOSE_DELAY=-1"))
                .isInstanceOf(DemoProfileCheck.DemoNotOnClasspathException.class);
    }

    @Test
    void theFailureReportTellsHowToRunTheDemo() {
        FailureAnalysis analysis = new DemoProfileFailureAnalyzer()
                .analyze(new IllegalStateException(new DemoProfileCheck.DemoNotOnClasspathException()));

        assertThat(analysis.getDescription()).contains("'demo' profile is active", "not on the classpath");
        assertThat(analysis.getAction()).contains("the test classpath: " + COMMAND);
    }
}
