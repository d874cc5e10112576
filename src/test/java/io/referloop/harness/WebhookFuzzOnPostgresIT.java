package io.referloop.harness;

import io.referloop.support.PostgresAvailable;
import io.referloop.support.PostgresSchemas;
import org.junit.jupiter.api.extension.ExtendWith;
import io.referloop.support.Harness;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** PostgreSQL refuses what H2 stores (NUL characters): production must answer those 4xx too. Slower here, so fewer requests. */
@ExtendWith(PostgresAvailable.class)
class WebhookFuzzOnPostgresIT extends WebhookFuzzContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresSchemas.register(registry);
    }

    @Override
    int requests() {
        return Harness.size(1_000, 30_000);
    }
}
