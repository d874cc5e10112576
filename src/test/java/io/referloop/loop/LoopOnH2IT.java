package io.referloop.loop;

import org.junit.jupiter.api.Nested;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

/**
 * The attribution loop (with manual attribution and personal data) and the reward loop on H2, in one Spring context:
 * nested, so that they run in the same test JVM, where the context cache hands both the same context.
 */
class LoopOnH2IT {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:loop-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Nested
    class AttributionLoop extends PersonalDataContract {
    }

    @Nested
    class RewardLoop extends RewardLoopContract {
    }
}
