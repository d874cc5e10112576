package io.referloop.bench;

import io.referloop.support.PostgresSchemas;
import org.flywaydb.core.Flyway;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The database of one benchmark run: the shipped H2 file in the deployment folder, or a fresh PostgreSQL
 * schema. Seeding happens before the connector starts (H2 in file mode admits one process), through the
 * same Flyway migrations the connector runs, so the connector finds its schema already current.
 */
abstract class BenchDatabase {

    abstract String name();

    abstract String url();

    abstract List<String> connectorArguments();

    /** SQL that yields the integers from..to as a column {@code x}. */
    abstract String range(long from, long to);

    static BenchDatabase h2(Path deployment) {
        return new BenchDatabase() {
            @Override
            String name() {
                return "H2";
            }

            @Override
            String url() {
                // the connector's own URL (application.yaml), made absolute for this JVM
                return "jdbc:h2:file:" + deployment.resolve("data/referloop").toAbsolutePath()
                        + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=100";
            }

            @Override
            List<String> connectorArguments() {
                return List.of();
            }

            @Override
            String range(long from, long to) {
                return "SELECT X AS x FROM SYSTEM_RANGE(" + from + ", " + to + ")";
            }
        };
    }

    static BenchDatabase postgres() {
        String url = PostgresSchemas.url(PostgresSchemas.create());
        return new BenchDatabase() {
            @Override
            String name() {
                return "PostgreSQL";
            }

            @Override
            String url() {
                return url;
            }

            @Override
            List<String> connectorArguments() {
                return List.of("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                        "--spring.datasource.password=");
            }

            @Override
            String range(long from, long to) {
                return "SELECT x FROM generate_series(" + from + ", " + to + ") AS x";
            }
        };
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), name().equals("H2") ? "sa" : "postgres", "");
    }

    void migrate() {
        Flyway.configure().dataSource(url(), name().equals("H2") ? "sa" : "postgres", "")
                .locations("classpath:db/migration", "classpath:db/vendor/" + (name().equals("H2") ? "h2" : "postgresql"))
                .load().migrate();
    }

    /**
     * {@code total} active advocates enrolled from HubSpot. The first ones are linked to the given fake
     * contacts (code to contact id); the rest point at contacts no event names, as a large programme's would.
     */
    void seedAdvocates(long total, Map<String, String> contactByCode) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            long seeded = total - contactByCode.size();
            // in slices: one transaction of a million rows makes H2 keep a huge undo log
            for (long from = 1; from <= seeded; from += 100_000) {
                s.execute("""
                        INSERT INTO advocate (code, email, name, crm, crm_contact_id, status, enrolled_by, created_at)
                        SELECT 'S' || x, 'advocate' || x || '@adv' || MOD(x, 5000) || '.example', 'Advocate ' || x,
                               'hubspot', 'seed-' || x, 'active', 'trigger', CURRENT_TIMESTAMP
                        FROM (%s) r""".formatted(range(from, Math.min(seeded, from + 99_999))));
            }
            try (PreparedStatement p = c.prepareStatement("""
                    INSERT INTO advocate (code, email, name, crm, crm_contact_id, status, enrolled_by, created_at)
                    VALUES (?, ?, ?, 'hubspot', ?, 'active', 'trigger', ?)""")) {
                int i = 0;
                for (Map.Entry<String, String> e : contactByCode.entrySet()) {
                    p.setString(1, e.getKey());
                    p.setString(2, "promoter" + i + "@promoters" + (i % 50) + ".example");
                    p.setString(3, "Promoter " + i++);
                    p.setString(4, e.getValue());
                    p.setTimestamp(5, Timestamp.from(Instant.now()));
                    p.addBatch();
                }
                p.executeBatch();
            }
            if (name().equals("PostgreSQL")) {
                s.execute("ANALYZE");
            }
        }
    }

    /** Pending HubSpot contact writes, due now: what the outbox holds after HubSpot was unreachable for a while. */
    void seedCrmWrites(List<String> contactIds, String propertiesJson) throws SQLException {
        try (Connection c = connect(); PreparedStatement p = c.prepareStatement("""
                INSERT INTO crm_write (crm, object_type, object_id, properties, status, next_attempt_at, created_at)
                VALUES ('hubspot', 'contacts', ?, ?, 'PENDING', ?, ?)""")) {
            Timestamp now = Timestamp.from(Instant.now().minusSeconds(1));
            for (String id : contactIds) {
                p.setString(1, id);
                p.setString(2, propertiesJson);
                p.setTimestamp(3, now);
                p.setTimestamp(4, now);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String> codes(int n) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            codes.add("P" + i);
        }
        return codes;
    }
}
