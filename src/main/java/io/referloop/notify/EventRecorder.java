package io.referloop.notify;

import io.referloop.referral.AdvocateChanged;
import io.referloop.referral.ReferralDecided;
import io.referloop.reward.RewardChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns the decisions of referral/ and reward/ into rows of the event outbox, in the decision's own
 * transaction (like the CRM write-back): an event exists exactly when its decision committed.
 */
@Component
class EventRecorder {

    private final EventOutbox outbox;
    private final EventsProperties properties;
    private final Clock clock;

    EventRecorder(EventOutbox outbox, EventsProperties properties, Clock clock) {
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener
    void on(ReferralDecided event) {
        record(EventTypes.of(event, Instant.now(clock)));
    }

    @EventListener
    void on(RewardChanged event) {
        record(EventTypes.of(event, Instant.now(clock)));
    }

    /** The first change seen of an advocate is their enrolment (later ones are counts and CRM links). */
    @EventListener
    void on(AdvocateChanged event) {
        if (!outbox.exists(event.advocate().id(), EventTypes.ADVOCATE_ENROLLED)) {
            record(Optional.of(EventTypes.enrolled(event, Instant.now(clock))));
        }
    }

    void record(Optional<DomainEvent> event) {
        event.filter(e -> !outbox.lastTypeOf(e.subject()).filter(e.type()::equals).isPresent())
                .ifPresent(e -> outbox.add(e, properties.webhook()));
    }
}
