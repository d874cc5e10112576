package io.referloop.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Deletes CRM writes sent more than {@code referloop.outbox.retention} ago: the CRM holds their values, and the outbox
 * would otherwise keep a row per write for good. Pending and FAILED writes stay. In batches; several instances may run
 * it at once (a batch deleted by another instance deletes nothing).
 */
@Component
public class CrmWriteRetention {

    private static final Logger log = LoggerFactory.getLogger(CrmWriteRetention.class);
    static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final Duration retention;
    private final Clock clock;

    CrmWriteRetention(JdbcClient jdbc, @Value("${referloop.outbox.retention:7d}") Duration retention, Clock clock) {
        this.jdbc = jdbc;
        this.retention = retention;
        this.clock = clock;
    }

    /** Returns how many writes were deleted. */
    public int deleteExpired() {
        Timestamp before = Timestamp.from(Instant.now(clock).minus(retention));
        int total = 0;
        List<Long> batch;
        do {
            batch = jdbc.sql("""
                    SELECT id FROM crm_write WHERE status = 'SENT' AND sent_at < ?
                    ORDER BY status, sent_at FETCH FIRST %d ROWS ONLY""".formatted(BATCH))
                    .param(before).query(Long.class).list();
            if (!batch.isEmpty()) {
                // by id alone: a sent write never changes status again, and H2 then stays on the primary key
                total += jdbc.sql("DELETE FROM crm_write WHERE id IN (:ids)").param("ids", batch).update();
            }
        } while (batch.size() == BATCH);
        if (total > 0) {
            log.info("Deleted {} CRM writes sent before {}", total, before.toInstant());
        }
        return total;
    }
}
