package io.referloop.loop;

import io.referloop.support.PostgresAvailable;
import io.referloop.support.PostgresSchemas;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@ExtendWith(PostgresAvailable.class)
class AttributionLoopOnPostgresTest extends AttributionLoopContract {

    private static String url;

    private static synchronized String url() {
        if (url == null) {
            url = PostgresSchemas.url(PostgresSchemas.create());
        }
        return url;
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", AttributionLoopOnPostgresTest::url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }
}
