package io.referloop.reward;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

class GuardrailConcurrencyOnH2IT extends GuardrailConcurrencyContract {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:guardrails-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }
}
