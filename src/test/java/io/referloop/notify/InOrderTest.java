package io.referloop.notify;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

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

    @Test
    void aRunMarksWhatItDeliveredAndSkippedTogetherAtItsEnd() {
        EventOutbox outbox = mock(EventOutbox.class);
        when(outbox.pending(EventOutbox.Channel.WEBHOOK, 100))
                .thenReturn(List.of(row(1, 10L, NOW), row(2, 20L, NOW), row(3, 30L, NOW), row(4, 40L, NOW)));
        int done = InOrder.deliver(outbox, EventOutbox.Channel.WEBHOOK, 100, NOW, (r, marks) -> {
            if (r.id() == 3) {
                marks.skipped(r, "nobody wants it");
            } else if (r.id() != 4) {
                marks.delivered(r);
            }
            return r.id() != 4;
        });
        assertThat(done).isEqualTo(3);
        verify(outbox).pending(EventOutbox.Channel.WEBHOOK, 100);
        verify(outbox).markAll(EventOutbox.Channel.WEBHOOK, List.of(1L, 2L), EventOutbox.DELIVERED, null);
        verify(outbox).markAll(EventOutbox.Channel.WEBHOOK, List.of(3L), EventOutbox.SKIPPED, "nobody wants it");
        verifyNoMoreInteractions(outbox);
    }

    @Test
    void whatWasDeliveredIsMarkedEvenWhenALaterDeliveryThrows() {
        EventOutbox outbox = mock(EventOutbox.class);
        when(outbox.pending(any(), eq(100))).thenReturn(List.of(row(1, 10L, NOW), row(2, 20L, NOW)));
        assertThatThrownBy(() -> InOrder.deliver(outbox, EventOutbox.Channel.ROUTES, 100, NOW, (r, marks) -> {
            if (r.id() == 2) {
                throw new IllegalStateException("database gone");
            }
            marks.delivered(r);
            return true;
        })).isInstanceOf(IllegalStateException.class);
        verify(outbox).markAll(EventOutbox.Channel.ROUTES, List.of(1L), EventOutbox.DELIVERED, null);
    }

    private static EventOutbox.Row row(long id, Long advocate, Instant next) {
        return new EventOutbox.Row(id, "evt_" + id, "reward.held", advocate, "{}", NOW, 0, next);
    }
}
