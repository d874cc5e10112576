package io.referloop.ingest;

import com.zaxxer.hikari.HikariDataSource;
import io.referloop.support.PostgresAvailable;
import io.referloop.support.PostgresSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connector's PostgreSQL connections plan each statement for its parameters: a generic plan kept from when a
 * table was small made one lookup walk the whole event outbox on every call in a burst.
 */
class PostgresCustomPlansTest {

    private final PostgresCustomPlans customPlans = new PostgresCustomPlans();

    @Test
    @ExtendWith(PostgresAvailable.class)
    void aPostgresConnectionOfThePoolPlansEachStatementForItsParameters() {
        try (HikariDataSource pool = pool(PostgresSchemas.url(PostgresSchemas.create()))) {
            customPlans.postProcessAfterInitialization(pool, "dataSource");

            assertThat(JdbcClient.create(pool).sql("SHOW plan_cache_mode").query(String.class).single())
                    .isEqualTo("force_custom_plan");
        }
    }

    @Test
    void anAdminsOwnInitialisationIsKept() {
        try (HikariDataSource pool = pool("jdbc:postgresql://127.0.0.1:5432/test")) {
            pool.setConnectionInitSql("SET search_path = referloop");

            customPlans.postProcessAfterInitialization(pool, "dataSource");

            assertThat(pool.getConnectionInitSql()).isEqualTo("SET search_path = referloop");
        }
    }

    @Test
    void anH2PoolIsLeftAsItIs() {
        try (HikariDataSource pool = pool("jdbc:h2:mem:plans")) {
            customPlans.postProcessAfterInitialization(pool, "dataSource");

            assertThat(pool.getConnectionInitSql()).isNull();
        }
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(url.startsWith("jdbc:h2") ? "sa" : "postgres");
        pool.setPassword("");
        pool.setMaximumPoolSize(1);
        return pool;
    }
}
