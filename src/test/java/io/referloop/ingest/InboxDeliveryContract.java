package io.referloop.ingest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A delivery of several events is stored in one go, and a redelivery inside it still stores each event once. On H2
 * in the shared context ({@link InboxDeliveryTest}), on PostgreSQL in a context of its own.
 */
abstract class InboxDeliveryContract {

    @Autowired
    Inbox inbox;

    @Autowired
    JdbcClient jdbc;

    // a source no route drains, so the rows stay as stored
    private final String source = "test-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aDeliveryIsStoredWhole() {
        assertThat(inbox.storeAll(source, List.of(event("1"), event("2"), event("3")))).isEqualTo(3);
        assertThat(stored()).containsExactly("1", "2", "3");
    }

    @Test
    void aRedeliveredEventIsSkippedAndTheRestOfTheDeliveryStored() {
        inbox.storeAll(source, List.of(event("1"), event("2")));
        assertThat(inbox.storeAll(source, List.of(event("2"), event("3"), event("1"), event("4")))).isEqualTo(2);
        assertThat(stored()).containsExactly("1", "2", "3", "4");
        assertThat(inbox.storeAll(source, List.of(event("5"), event("6")))).as("the connection is usable after").isEqualTo(2);
    }

    @Test
    void anEventTwiceInOneDeliveryIsStoredOnce() {
        assertThat(inbox.storeAll(source, List.of(event("7"), event("7"), event("8")))).isEqualTo(2);
        assertThat(stored()).containsExactly("7", "8");
    }

    private static Inbox.NewEvent event(String id) {
        return new Inbox.NewEvent(id, "contact.creation", "c" + id, "{\"eventId\":" + id + "}");
    }

    private List<String> stored() {
        return jdbc.sql("SELECT external_id FROM inbox_event WHERE source = ? ORDER BY external_id")
                .param(source).query(String.class).list();
    }
}
