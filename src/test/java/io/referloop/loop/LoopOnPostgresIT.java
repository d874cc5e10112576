package io.referloop.loop;

import io.referloop.support.PostgresAvailable;
import io.referloop.support.PostgresSchemas;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The attribution loop (with manual attribution and personal data) and the reward loop on PostgreSQL, in one Spring
 * context: nested, so that they run in the same test JVM, where the context cache hands both the same context.
 */
@ExtendWith(PostgresAvailable.class)
class LoopOnPostgresIT {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresSchemas.register(registry);
    }

    @Nested
    class AttributionLoop extends PersonalDataContract {
    }

    @Nested
    class RewardLoop extends RewardLoopContract {
    }
}
