package io.referloop.loop;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

/** The attribution loop, manual attribution and personal data on H2 (one Spring context for all three). */
class AttributionLoopOnH2IT extends PersonalDataContract {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url",
                () -> "jdbc:h2:mem:loop-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }
}
