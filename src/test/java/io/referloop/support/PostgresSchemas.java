package io.referloop.support;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/** A fresh schema in the local PostgreSQL `test` database for one test context. */
public final class PostgresSchemas {

    public static final String BASE_URL = "jdbc:postgresql://" + PostgresAvailable.HOST + ":" + PostgresAvailable.PORT + "/test";

    private PostgresSchemas() {
    }

    public static String create() {
        String schema = "referloop_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(BASE_URL, "postgres", "")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on " + BASE_URL + " is required here: " + e.getMessage(), e);
        }
        return schema;
    }

    public static String url(String schema) {
        return BASE_URL + "?currentSchema=" + schema;
    }

    /** Points a test context at a fresh schema, created when the context first asks for its URL. */
    public static void register(DynamicPropertyRegistry registry) {
        java.util.function.Supplier<Object> url = new java.util.function.Supplier<>() {
            private String value;

            @Override
            public synchronized String get() {
                if (value == null) {
                    value = url(create());
                }
                return value;
            }
        };
        registry.add("spring.datasource.url", url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }
}
