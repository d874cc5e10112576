package io.referloop.notify;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** In order per advocate: one advocate's failing or waiting event holds back their later ones, nobody else's. */
class InOrderTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aFailedEventHoldsBackItsAdvocateOnly() {
        List<EventOutbox.Row> rows = List.of(row(1, 10L, NOW), row(2, 20L, NOW), row(3, 10L, NOW), row(4, 20L, NOW));
        List<Long> tried = new ArrayList<>();
        int done = InOrder.deliver(rows, NOW, r -> {
            tried.add(r.id());
            return r.id() != 1;
        });
        assertThat(tried).containsExactly(1L, 2L, 4L);
        assertThat(done).isEqualTo(2);
    }

    @Test
    void anEventWaitingOutItsBackoffHoldsBackItsAdvocate() {
        List<EventOutbox.Row> rows = List.of(row(1, 10L, NOW.plusSeconds(30)), row(2, 10L, NOW), row(3, null, NOW));
        List<Long> tried = new ArrayList<>();
        InOrder.deliver(rows, NOW, r -> tried.add(r.id()));
        assertThat(tried).containsExactly(3L);
    }

    private static EventOutbox.Row row(long id, Long advocate, Instant next) {
        return new EventOutbox.Row(id, "evt_" + id, "reward.held", advocate, "{}", NOW, 0, next);
    }
}
