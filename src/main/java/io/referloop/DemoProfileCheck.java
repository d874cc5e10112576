package io.referloop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * The fakes and the demo story live on the test classpath only, so the production jar carries none of them.
 * Started with the {@code demo} profile from the main classpath ({@code ./mvnw spring-boot:run}, {@code java -jar}),
 * the connector would run against nothing; it stops instead and names the command that runs the demo.
 * The demo's own configuration (test resources) sets {@value #MARKER}.
 */
class DemoProfileCheck implements EnvironmentPostProcessor, Ordered {

    static final String PROFILE = "demo";
    static final String MARKER = "referloop.demo.on-test-classpath";
    static final String COMMAND = "./mvnw spring-boot:test-run -Dspring-boot.run.profiles=demo";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.acceptsProfiles(Profiles.of(PROFILE))
                && !environment.getProperty(MARKER, Boolean.class, false)) {
            throw new DemoNotOnClasspathException();
        }
    }

    /** After the configuration files are read, so the profile set in them and the marker are both seen. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    static final class DemoNotOnClasspathException extends IllegalStateException {
        DemoNotOnClasspathException() {
            super("The 'demo' profile is active but the demo (fake HubSpot, fake Tremendous, the story) is not on the"
                    + " classpath: the demo runs from the test classpath: " + COMMAND);
        }
    }
}
