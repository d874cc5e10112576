package io.referloop.support;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;

/**
 * One fresh, migrated PostgreSQL schema and a connection pool per simulated instance on it: several connectors
 * sharing one database, without starting them.
 */
public final class PostgresInstances implements AutoCloseable {

    private final String url;
    private final List<HikariDataSource> pools = new ArrayList<>();
    private JdbcClient watcher;

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

    /**
     * Whether the session of that {@code pg_backend_pid()} waits for a lock another transaction holds: the moment an
     * instance's write meets another instance's uncommitted one. 0, a session not known yet, waits for nothing.
     */
    public synchronized boolean waitsForALock(int backend) {
        if (watcher == null) {
            watcher = JdbcClient.create(instance());
        }
        return backend != 0 && watcher.sql("SELECT COUNT(*) FROM pg_stat_activity WHERE pid = ? AND wait_event_type = 'Lock'")
                .param(backend).query(Long.class).single() > 0;
    }

    @Override
    public void close() {
        pools.forEach(HikariDataSource::close);
    }
}
