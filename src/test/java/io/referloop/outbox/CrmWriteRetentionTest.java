package io.referloop.outbox;

import io.referloop.support.MigratedH2;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Sent CRM writes leave the outbox after the retention time; writes still to send, or failed, stay. */
class CrmWriteRetentionTest {

    private static final Instant SENT = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(7);

    /** A fresh database for each test (JUnit makes a new instance per test), closed after it. */
    @AutoClose
    private final MigratedH2 h2 = new MigratedH2("crm-retention");
    private final JdbcClient jdbc = h2.jdbc();

    @Test
    void sentWritesPastRetentionAreDeletedInBatches() {
        for (int i = 0; i < CrmWriteRetention.BATCH + 5; i++) {
            write("SENT", SENT);
        }

        assertThat(retentionAt(SENT.plus(RETENTION).plusSeconds(1)).deleteExpired()).isEqualTo(CrmWriteRetention.BATCH + 5);
        assertThat(count()).isZero();
    }

    @Test
    void recentSentWritesStay() {
        write("SENT", SENT);

        assertThat(retentionAt(SENT.plus(RETENTION).minusSeconds(1)).deleteExpired()).isZero();
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void pendingAndFailedWritesNeverGo() {
        write("PENDING", null);
        write("FAILED", null);

        assertThat(retentionAt(SENT.plus(Duration.ofDays(365))).deleteExpired()).isZero();
        assertThat(count()).isEqualTo(2);
    }

    private void write(String status, Instant sentAt) {
        Timestamp created = Timestamp.from(SENT.minusSeconds(60));
        jdbc.sql("""
                INSERT INTO crm_write (crm, object_type, object_id, properties, status, next_attempt_at, created_at, sent_at)
                VALUES ('hubspot', 'contacts', '1', '{}', ?, ?, ?, ?)""")
                .params(status, created, created, sentAt == null ? null : Timestamp.from(sentAt)).update();
    }

    private long count() {
        return jdbc.sql("SELECT COUNT(*) FROM crm_write").query(Long.class).single();
    }

    private CrmWriteRetention retentionAt(Instant now) {
        return new CrmWriteRetention(jdbc, RETENTION, Clock.fixed(now, ZoneOffset.UTC));
    }
}
