package io.referloop.support;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.UUID;

/**
 * A fresh in-memory H2 with every migration applied, for tests that build several instances of a component on one
 * database by hand (what a Spring slice cannot give: two of the same bean sharing a schema).
 */
public final class MigratedH2 implements AutoCloseable {

    private final HikariDataSource dataSource = new HikariDataSource();
    private final JdbcClient jdbc;

    public MigratedH2(String name) {
        String url = "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration", "classpath:db/vendor/h2").load().migrate();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername("sa");
        jdbc = JdbcClient.create(dataSource);
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
