package io.referloop.privacy;

import io.referloop.mapping.LiveMapping;
import io.referloop.referral.ProgrammeRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes link clicks older than the attribution window ({@code attribution.window-days} in program.yaml): past
 * it a click can no longer make an attribution {@code link}, and a click's browser details serve nothing else.
 */
@Component
public class ClickRetention {

    private static final Logger log = LoggerFactory.getLogger(ClickRetention.class);
    static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final LiveMapping<ProgrammeRules> rules;
    private final Clock clock;

    ClickRetention(JdbcClient jdbc, LiveMapping<ProgrammeRules> rules, Clock clock) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.clock = clock;
    }

    /** Returns how many clicks were deleted. */
    public int pruneExpired() {
        Timestamp before = Timestamp.from(Instant.now(clock).minus(Duration.ofDays(rules.current().attribution().windowDays())));
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.sql("""
                    DELETE FROM referral_click WHERE id IN (SELECT id FROM referral_click WHERE clicked_at < ?
                                                            FETCH FIRST %d ROWS ONLY)""".formatted(BATCH))
                    .param(before).update();
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            log.info("Deleted {} link clicks older than the attribution window", total);
        }
        return total;
    }
}
