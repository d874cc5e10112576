package io.referloop.notify;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Delivery in order per advocate: a pending event that is not due yet, or just failed, holds back the advocate's later ones. */
final class InOrder {

    private InOrder() {
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
}
