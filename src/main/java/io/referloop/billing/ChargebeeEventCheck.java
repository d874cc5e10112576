package io.referloop.billing;

import com.fasterxml.jackson.databind.JsonNode;
import io.referloop.ingest.Inbox;
import io.referloop.ingest.InboxEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chargebee signs nothing: its webhook is guarded by a URL and basic credentials, which leak the way URLs do.
 * With {@code referloop.chargebee.site} and {@code api-key} set, each claimed Chargebee event is read again from
 * Chargebee and only that copy is acted on. An event Chargebee does not know changes nothing; one that cannot be
 * read now stays in the inbox for a later claim. Without those settings events are used as received.
 */
@Component
class ChargebeeEventCheck {

    private static final Logger log = LoggerFactory.getLogger(ChargebeeEventCheck.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final ChargebeeProperties properties;
    private final ChargebeeApi api;
    private final Inbox inbox;

    ChargebeeEventCheck(ChargebeeProperties properties, ChargebeeApi api, Inbox inbox) {
        this.properties = properties;
        this.api = api;
        this.inbox = inbox;
    }

    /**
     * The events to act on, each Chargebee event replaced by Chargebee's own copy; other sources pass unchanged.
     * Events left out are settled here: ignored (unknown to Chargebee) or handed back for a later attempt.
     */
    List<InboxEvent> confirmed(List<InboxEvent> events) {
        if (!properties.rereadEnabled()) {
            return events;
        }
        List<InboxEvent> confirmed = new ArrayList<>(events.size());
        for (InboxEvent event : events) {
            if (!event.source().equals(ChargebeeEvents.SOURCE)) {
                confirmed.add(event);
                continue;
            }
            try {
                reread(event).ifPresent(confirmed::add);
            } catch (ChargebeeApi.Failure e) {
                log.warn("Chargebee event {} waits: it cannot be read from Chargebee now: {}", event.externalId(), e.getMessage());
                if (e.isTransient()) {
                    inbox.postpone(List.of(event), e.getMessage(), RETRY_AFTER);
                } else {
                    inbox.retryLater(List.of(event), e.getMessage(), RETRY_AFTER);
                }
            }
        }
        return confirmed;
    }

    private Optional<InboxEvent> reread(InboxEvent received) {
        Optional<JsonNode> copy = api.event(received.externalId());
        if (copy.isEmpty() || !received.externalId().equals(copy.get().path("id").asText())) {
            String why = "Chargebee does not know event " + received.externalId() + ": not acted on";
            log.warn("Chargebee event ignored: {}", why);
            inbox.markIgnored(List.of(received.id()), why);
            return Optional.empty();
        }
        JsonNode event = copy.get();
        return Optional.of(new InboxEvent(received.id(), received.source(), received.externalId(),
                event.path("event_type").asText(received.eventType()), received.objectId(), event.toString(),
                received.receivedAt(), received.attempts()));
    }
}
