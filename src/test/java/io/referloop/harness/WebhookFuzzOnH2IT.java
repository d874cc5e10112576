package io.referloop.harness;

import io.referloop.support.Harness;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

class WebhookFuzzOnH2IT extends WebhookFuzzContract {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:fuzz-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Override
    int requests() {
        return Harness.size(1_000, 100_000);
    }
}
