package io.referloop.loop;

import io.referloop.support.PostgresAvailable;
import io.referloop.support.PostgresSchemas;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The attribution loop, manual attribution and personal data on PostgreSQL (one Spring context for all three). */
@ExtendWith(PostgresAvailable.class)
class AttributionLoopOnPostgresIT extends PersonalDataContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresSchemas.register(registry);
    }
}
