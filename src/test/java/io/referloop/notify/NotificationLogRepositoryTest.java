package io.referloop.notify;

import io.referloop.support.FixedClock;
import io.referloop.support.RepositorySlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;

import static org.assertj.core.api.Assertions.assertThat;

@RepositorySlice
class NotificationLogRepositoryTest {

    @Autowired
    NotificationLog log;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aUseOfAnEventIsDoneOnceRecorded() {
        assertThat(log.done("ev-1", "mail")).isFalse();

        log.record("ev-1", "mail");

        assertThat(log.done("ev-1", "mail")).isTrue();
    }

    @Test
    void eachChannelOfAnEventIsDoneOnItsOwn() {
        log.record("ev-1", "mail");

        assertThat(log.done("ev-1", "slack")).isFalse();
        assertThat(log.done("ev-2", "mail")).isFalse();
    }

    @Test
    void recordingAUseTwiceIsHarmless() {
        log.record("ev-1", "mail");

        log.record("ev-1", "mail");

        assertThat(jdbc.sql("SELECT sent_at FROM notification_sent WHERE event_id = 'ev-1' AND channel = 'mail'")
                .query(Timestamp.class).list()).singleElement()
                .satisfies(sentAt -> assertThat(sentAt.toInstant()).isEqualTo(FixedClock.NOW));
    }
}
