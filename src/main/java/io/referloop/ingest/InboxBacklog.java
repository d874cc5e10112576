package io.referloop.ingest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Whether a source's events still wait in the inbox (new, or claimed and not yet decided). */
@Component
public class InboxBacklog {

    private final JdbcClient jdbc;

    InboxBacklog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One row looked up through the index on (source, status, id). */
    public boolean hasPending(String source) {
        return !jdbc.sql("SELECT id FROM inbox_event WHERE source = ? AND status = 'NEW' FETCH FIRST 1 ROWS ONLY")
                .param(source).query(Long.class).list().isEmpty()
                || !jdbc.sql("SELECT id FROM inbox_event WHERE source = ? AND status = 'CLAIMED' FETCH FIRST 1 ROWS ONLY")
                .param(source).query(Long.class).list().isEmpty();
    }
}
