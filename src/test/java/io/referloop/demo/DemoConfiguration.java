package io.referloop.demo;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The {@code demo} profile: a fake HubSpot and a fake Tremendous in this JVM, and the story that plays against them. */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
class DemoConfiguration {

    @Bean(destroyMethod = "close")
    FakeHubSpot fakeHubSpot(@Value("${referloop.hubspot.access-token}") String token,
                            @Value("${referloop.demo.hubspot-port}") int port) {
        return new FakeHubSpot(token, port).start();
    }

    @Bean(destroyMethod = "close")
    FakeTremendous fakeTremendous(@Value("${referloop.tremendous.api-key}") String apiKey,
                                  @Value("${referloop.demo.tremendous-port}") int port) {
        return new FakeTremendous(apiKey, port).start();
    }
}
