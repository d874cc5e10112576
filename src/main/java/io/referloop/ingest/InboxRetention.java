package io.referloop.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Deletes inbox rows processed (DONE) or ignored more than {@code referloop.inbox.retention} ago, so the inbox holds
 * recent and unfinished events only. Their keys stay in {@code inbox_key}: a late redelivery is still a duplicate.
 * Waiting and FAILED events are never deleted. In batches, each its own short transaction. Several instances may run
 * it at once: a batch that another instance deleted first simply deletes nothing.
 */
@Component
public class InboxRetention {

    private static final Logger log = LoggerFactory.getLogger(InboxRetention.class);

    private final JdbcClient jdbc;
    private final InboxProperties properties;
    private final Clock clock;

    InboxRetention(JdbcClient jdbc, InboxProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Returns how many rows were deleted. */
    public int deleteExpired() {
        Timestamp before = Timestamp.from(Instant.now(clock).minus(properties.retention()));
        int total = 0;
        for (String status : List.of(Inbox.DONE, Inbox.IGNORED)) {
            List<Long> batch;
            do {
                // one status at a time: an equality and a range read the index on (status, processed_at) directly
                batch = jdbc.sql("""
                        SELECT id FROM inbox_event WHERE status = ? AND processed_at < ?
                        ORDER BY status, processed_at FETCH FIRST %d ROWS ONLY""".formatted(properties.retentionBatch()))
                        .params(status, before).query(Long.class).list();
                if (!batch.isEmpty()) {
                    // by id alone: a finished event never changes status again, and H2 then stays on the primary key
                    total += jdbc.sql("DELETE FROM inbox_event WHERE id IN (:ids)").param("ids", batch).update();
                }
            } while (batch.size() == properties.retentionBatch());
        }
        if (total > 0) {
            log.info("Deleted {} inbox events processed before {} (their keys stay)", total, before.toInstant());
        }
        return total;
    }
}
