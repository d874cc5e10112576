package io.referloop.ingest;

import io.referloop.support.MigratedH2;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class InboxBacklogTest {

    private final MigratedH2 database = new MigratedH2("inbox-backlog");
    private final InboxBacklog backlog = new InboxBacklog(database.jdbc());
    private int events;

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void countsNewAndClaimedEventsOfTheSourceOnly() {
        add("hubspot", "NEW", 2);
        add("hubspot", "CLAIMED", 1);
        add("hubspot", "DONE", 5);
        add("stripe", "NEW", 5);

        assertThat(backlog.atLeast("hubspot", 3)).isTrue();
        assertThat(backlog.atLeast("hubspot", 4)).as("processed and other sources' events do not count").isFalse();
        assertThat(backlog.atLeast("salesforce", 1)).isFalse();
    }

    private void add(String source, String status, int n) {
        for (int i = 0; i < n; i++) {
            database.jdbc().sql("""
                    INSERT INTO inbox_event (source, external_id, event_type, payload, received_at, status)
                    VALUES (?, ?, 'contact.creation', '{}', ?, ?)""")
                    .params(source, "e" + events++, Timestamp.from(Instant.now()), status).update();
        }
    }
}
