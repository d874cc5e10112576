package io.referloop.ingest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** How many of a source's events still wait in the inbox (new, or claimed and not yet decided). */
@Component
public class InboxBacklog {

    private final JdbcClient jdbc;

    InboxBacklog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether at least {@code n} wait: at most n index entries on (source, status, id) are read, however many wait. */
    public boolean atLeast(String source, int n) {
        int found = 0;
        for (String status : new String[] {"NEW", "CLAIMED"}) {
            found += jdbc.sql("SELECT id FROM inbox_event WHERE source = ? AND status = ? FETCH FIRST %d ROWS ONLY"
                    .formatted(n - found)).params(source, status).query(Long.class).list().size();
            if (found >= n) {
                return true;
            }
        }
        return false;
    }
}
