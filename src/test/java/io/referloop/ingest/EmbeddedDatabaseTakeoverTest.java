package io.referloop.ingest;

import io.referloop.support.MigratedH2;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A connector restarted on its embedded database takes back the leases and claims its killed run left held. */
class EmbeddedDatabaseTakeoverTest {

    private static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** Each inbox runs a group-commit thread until it is closed. */
    private static final List<Inbox> INBOXES = new ArrayList<>();

    @TempDir
    Path dir;

    @Test
    void onTheEmbeddedFileDatabaseALeaseLeftByAKilledRunIsFreeAtStart() {
        DataSource file = migratedFile();
        JdbcClient jdbc = JdbcClient.create(file);
        new ClusterLock(jdbc, CLOCK).tryAcquire("crm-writer:hubspot", Duration.ofMinutes(2));

        takeover(file, jdbc).afterSingletonsInstantiated();

        assertThat(new ClusterLock(jdbc, CLOCK).tryAcquire("crm-writer:hubspot", Duration.ofMinutes(2)))
                .as("the restarted connector writes at once").isTrue();
    }

    @Test
    void onTheEmbeddedFileDatabaseInboxEventsClaimedByAKilledRunAreClaimedAgainAtStart() {
        DataSource file = migratedFile();
        JdbcClient jdbc = JdbcClient.create(file);
        long id = claimedEvent(jdbc, NOW.plus(Duration.ofMinutes(2)));

        takeover(file, jdbc).afterSingletonsInstantiated();

        assertThat(claimedUntil(jdbc, id)).isEqualTo(NOW);
    }

    @Test
    void onASharedDatabaseLeasesAndClaimsRunOutAsUsual() {
        try (MigratedH2 shared = new MigratedH2("takeover")) {
            JdbcClient jdbc = shared.jdbc();
            new ClusterLock(jdbc, CLOCK).tryAcquire("crm-writer:hubspot", Duration.ofMinutes(2));
            long id = claimedEvent(jdbc, NOW.plus(Duration.ofMinutes(2)));

            takeover(shared.dataSource(), jdbc).afterSingletonsInstantiated();

            assertThat(new ClusterLock(jdbc, CLOCK).tryAcquire("crm-writer:hubspot", Duration.ofMinutes(2))).isFalse();
            assertThat(claimedUntil(jdbc, id)).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
        }
    }

    @Test
    void onlyAnH2FileThatNoOtherProcessCanOpenCountsAsAlone() {
        assertThat(EmbeddedDatabaseTakeover.alone("jdbc:h2:file:./data/referloop;WRITE_DELAY=0")).isTrue();
        assertThat(EmbeddedDatabaseTakeover.alone("jdbc:h2:./data/referloop")).isTrue();
        assertThat(EmbeddedDatabaseTakeover.alone("jdbc:h2:file:./data/referloop;AUTO_SERVER=TRUE")).isFalse();
        assertThat(EmbeddedDatabaseTakeover.alone("jdbc:h2:tcp://db:9092/referloop")).isFalse();
        assertThat(EmbeddedDatabaseTakeover.alone("jdbc:h2:mem:test")).isFalse();
        assertThat(EmbeddedDatabaseTakeover.alone("jdbc:postgresql://db/referloop")).isFalse();
        assertThat(EmbeddedDatabaseTakeover.alone(null)).isFalse();
    }

    private static EmbeddedDatabaseTakeover takeover(DataSource database, JdbcClient jdbc) {
        Inbox inbox = new Inbox(jdbc, new JdbcTemplate(database),
                new TransactionTemplate(new DataSourceTransactionManager(database)),
                new InboxProperties(100, Duration.ofMinutes(2), 50, Duration.ofDays(7), 1000, Duration.ZERO), CLOCK);
        INBOXES.add(inbox);
        return new EmbeddedDatabaseTakeover(database, new ClusterLock(jdbc, CLOCK), inbox);
    }

    @AfterAll
    static void closeInboxes() {
        INBOXES.forEach(Inbox::destroy);
    }

    private DataSource migratedFile() {
        String url = "jdbc:h2:file:" + dir.resolve("referloop").toAbsolutePath();
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        return new DriverManagerDataSource(url, "sa", "");
    }

    private static long claimedEvent(JdbcClient jdbc, Instant until) {
        jdbc.sql("""
                INSERT INTO inbox_event (source, external_id, event_type, object_id, payload, received_at, status,
                                         claimed_by, claimed_until, attempts)
                VALUES ('hubspot', 'e1', 'contact.creation', '1', '{}', ?, 'CLAIMED', 'killed-run', ?, 1)""")
                .params(java.sql.Timestamp.from(NOW), java.sql.Timestamp.from(until)).update();
        return jdbc.sql("SELECT id FROM inbox_event WHERE external_id = 'e1'").query(Long.class).single();
    }

    private static Instant claimedUntil(JdbcClient jdbc, long id) {
        return jdbc.sql("SELECT claimed_until FROM inbox_event WHERE id = ?").param(id)
                .query(java.sql.Timestamp.class).single().toInstant();
    }
}
