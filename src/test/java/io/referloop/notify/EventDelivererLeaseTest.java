package io.referloop.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.referloop.ingest.ClusterLock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Instances sharing a database deliver each channel's events from one instance at a time, in order. */
class EventDelivererLeaseTest {

    private HikariDataSource database;
    private JdbcClient jdbc;

    @BeforeEach
    void database() {
        String url = "jdbc:h2:mem:deliverer-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        database = new HikariDataSource();
        database.setJdbcUrl(url);
        database.setUsername("sa");
        jdbc = JdbcClient.create(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

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
