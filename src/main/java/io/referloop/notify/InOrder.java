package io.referloop.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/** Delivery in order per advocate: a pending event that is not due yet, or just failed, holds back the advocate's later ones. */
final class InOrder {

    private InOrder() {
    }

    /**
     * Delivers the channel's due rows, oldest first, and marks the delivered and skipped ones together once the run is
     * over (on H2 each commit rewrites the table's pages): a crash before that delivers them again, which
     * at-least-once allows (each carries its event id). {@code deliver} answers whether the row is done (else it
     * waits), and records a delivered or skipped row in the run's {@link Marks}.
     */
    static int deliver(EventOutbox outbox, EventOutbox.Channel channel, int limit, Instant now,
                       BiPredicate<EventOutbox.Row, Marks> deliver) {
        Marks marks = new Marks();
        try {
            return deliver(outbox.pending(channel, limit), now, row -> deliver.test(row, marks));
        } finally {
            outbox.markAll(channel, marks.delivered, EventOutbox.DELIVERED, null);
            marks.skipped.forEach((reason, ids) -> outbox.markAll(channel, ids, EventOutbox.SKIPPED, reason));
        }
    }

    /** Delivers the due rows, oldest first; {@code deliver} answers whether the row is done (else it waits). */
    static int deliver(List<EventOutbox.Row> pending, Instant now, Predicate<EventOutbox.Row> deliver) {
        Set<Long> blocked = new HashSet<>();
        int done = 0;
        for (EventOutbox.Row row : pending) {
            Long advocate = row.advocateId();
            if (advocate != null && blocked.contains(advocate)) {
                continue;
            }
            boolean finished = !row.nextAttemptAt().isAfter(now) && deliver.test(row);
            if (finished) {
                done++;
            } else if (advocate != null) {
                blocked.add(advocate);
            }
        }
        return done;
    }

    /** What one run delivered and skipped (by reason), marked at its end. */
    static final class Marks {
        private final List<Long> delivered = new ArrayList<>();
        private final Map<String, List<Long>> skipped = new LinkedHashMap<>();

        void delivered(EventOutbox.Row row) {
            delivered.add(row.id());
        }

        void skipped(EventOutbox.Row row, String reason) {
            skipped.computeIfAbsent(reason, r -> new ArrayList<>()).add(row.id());
        }
    }
}
