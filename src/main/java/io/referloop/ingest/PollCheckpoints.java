package io.referloop.ingest;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

/** The position each poller reached, stored so a restart resumes where it stopped. */
@Repository
public class PollCheckpoints {

    private final JdbcClient jdbc;
    private final Clock clock;

    public PollCheckpoints(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<String> get(String name) {
        return jdbc.sql("SELECT position FROM poll_checkpoint WHERE name = ?").param(name).query(String.class).optional();
    }

    public void set(String name, String position) {
        Timestamp now = Timestamp.from(clock.instant());
        if (jdbc.sql("UPDATE poll_checkpoint SET position = ?, updated_at = ? WHERE name = ?")
                .params(position, now, name).update() == 0) {
            try {
                jdbc.sql("INSERT INTO poll_checkpoint (name, position, updated_at) VALUES (?, ?, ?)")
                        .params(name, position, now).update();
            } catch (DuplicateKeyException raced) {
                jdbc.sql("UPDATE poll_checkpoint SET position = ?, updated_at = ? WHERE name = ?")
                        .params(position, now, name).update();
            }
        }
    }
}
