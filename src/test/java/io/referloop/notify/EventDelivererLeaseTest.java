package io.referloop.notify;

import io.referloop.support.MigratedH2;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.ingest.ClusterLock;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Instances sharing a database deliver each channel's events from one instance at a time, in order. */
class EventDelivererLeaseTest {

    /** A fresh database for each test (JUnit makes a new instance per test), closed after it. */
    @AutoClose
    private final MigratedH2 h2 = new MigratedH2("deliverer");
    private final JdbcClient jdbc = h2.jdbc();

    @Test
    void anotherInstanceDeliversOnlyOnceTheFirstHandedTheChannelBack() {
        EventOutbox first = instance();
        EventOutbox second = instance();
        first.add(new DomainEvent("evt-1", "reward.issued", Instant.now(), 7L, "reward:1", Map.of()), true);

        assertThat(first.pending(EventOutbox.Channel.ROUTES, 10)).hasSize(1);
        assertThat(second.pending(EventOutbox.Channel.ROUTES, 10)).as("the first delivers").isEmpty();
        assertThat(second.pending(EventOutbox.Channel.WEBHOOK, 10)).as("each channel has its own lease").hasSize(1);

        first.destroy();
        assertThat(second.pending(EventOutbox.Channel.ROUTES, 10)).hasSize(1);
    }

    private EventOutbox instance() {
        return new EventOutbox(jdbc, new ObjectMapper(), Clock.systemUTC(), new ClusterLock(jdbc, Clock.systemUTC()));
    }
}
