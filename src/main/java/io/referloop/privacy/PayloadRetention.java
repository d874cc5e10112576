package io.referloop.privacy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Scrubs inbox payloads older than {@code referloop.retention.payload-days}: the payload becomes the empty marker,
 * the row and its (source, external_id) key stay, so a sender's late redelivery is still recognised and changes
 * nothing. Only events that are finished (DONE or IGNORED) are scrubbed: one still waiting, or parked as FAILED for
 * someone to look into, keeps what it needs to be processed.
 */
@Component
public class PayloadRetention {

    private static final Logger log = LoggerFactory.getLogger(PayloadRetention.class);
    /** Rows per statement: each batch commits on its own, so the job never holds many row locks for long. */
    static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final RetentionProperties properties;
    private final Clock clock;

    PayloadRetention(JdbcClient jdbc, RetentionProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Returns how many payloads were scrubbed. */
    public int scrubExpired() {
        Instant now = Instant.now(clock);
        Timestamp before = Timestamp.from(now.minus(Duration.ofDays(properties.payloadDays())));
        int total = 0;
        int scrubbed;
        do {
            scrubbed = jdbc.sql("""
                    UPDATE inbox_event SET payload = '', payload_scrubbed_at = ?
                    WHERE id IN (SELECT id FROM inbox_event
                                 WHERE payload_scrubbed_at IS NULL AND received_at < ? AND status IN ('DONE', 'IGNORED')
                                 FETCH FIRST %d ROWS ONLY)""".formatted(BATCH))
                    .params(Timestamp.from(now), before).update();
            total += scrubbed;
        } while (scrubbed == BATCH);
        if (total > 0) {
            log.info("Scrubbed the payloads of {} inbox events received before {}", total, before.toInstant());
        }
        return total;
    }
}
