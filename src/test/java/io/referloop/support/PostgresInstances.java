package io.referloop.support;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import java.util.ArrayList;
import java.util.List;

/**
 * One fresh, migrated PostgreSQL schema and a connection pool per simulated instance on it: several connectors
 * sharing one database, without starting them.
 */
public final class PostgresInstances implements AutoCloseable {

    private final String url;
    private final List<HikariDataSource> pools = new ArrayList<>();

    public PostgresInstances() {
        url = PostgresSchemas.url(PostgresSchemas.create());
        Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration", "classpath:db/vendor/postgresql")
                .load().migrate();
    }

    /** A pool of its own, as a separate instance would have. */
    public HikariDataSource instance() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername("postgres");
        pool.setPassword("");
        pool.setMaximumPoolSize(4);
        pools.add(pool);
        return pool;
    }

    @Override
    public void close() {
        pools.forEach(HikariDataSource::close);
    }
}
