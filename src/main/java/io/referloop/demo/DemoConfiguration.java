package io.referloop.demo;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The {@code demo} profile: a fake HubSpot in this JVM, and the story that plays against it. */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
class DemoConfiguration {

    @Bean(destroyMethod = "close")
    FakeHubSpot fakeHubSpot(@Value("${referloop.hubspot.access-token}") String token,
                            @Value("${referloop.demo.hubspot-port}") int port) {
        return new FakeHubSpot(token, port).start();
    }
}
