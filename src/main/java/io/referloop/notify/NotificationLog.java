package io.referloop.notify;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

/** What each use of an event (mail, slack) already did, so a redelivered event does not act twice. */
@Repository
class NotificationLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    NotificationLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    boolean done(String eventId, String channel) {
        return jdbc.sql("SELECT COUNT(*) FROM notification_sent WHERE event_id = ? AND channel = ?")
                .params(eventId, channel).query(Long.class).single() > 0;
    }

    void record(String eventId, String channel) {
        if (!done(eventId, channel)) {
            jdbc.sql("INSERT INTO notification_sent (event_id, channel, sent_at) VALUES (?, ?, ?)")
                    .params(eventId, channel, Timestamp.from(Instant.now(clock))).update();
        }
    }
}
