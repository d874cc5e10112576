package io.referloop.hubspot;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.referloop.ingest.Inbox;
import io.referloop.ingest.InboxEvent;
import io.referloop.mapping.LiveMapping;
import io.referloop.referral.ContactSnapshot;
import io.referloop.referral.ReferralService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Processes claimed HubSpot events (route {@code hubspot-inbox}): the contacts they name are read in
 * batches of 100, and each contact is handed to the referral logic in one transaction that also marks
 * its events done. What cannot be processed now goes back to the inbox for a later attempt.
 * <p>
 * A change of a property that {@code mappings/hubspot.yaml} does not read cannot change what the connector
 * knows of the record: reading it again would hand the referral logic what it saw last time. Such changes are
 * settled together, in one statement per claimed batch, without a call to HubSpot.
 */
@Component("hubSpotInbox")
public class HubSpotInbox {

    private static final Logger log = LoggerFactory.getLogger(HubSpotInbox.class);
    static final String UNREAD_PROPERTY = "the changed property is read by no mapping (mappings/hubspot.yaml)";

    private final HubSpotClient client;
    private final LiveMapping<HubSpotMapping> mapping;
    private final Inbox inbox;
    private final ReferralService referrals;
    private final TransactionTemplate transaction;
    private final HubSpotWebhookParser parser;
    private final HubSpotDeals deals;
    private final HubSpotRewardDecisions decisions;
    private final HubSpotRetryDelays delays;
    private final ContactReads reads;

    HubSpotInbox(ContactReads reads, HubSpotClient client, LiveMapping<HubSpotMapping> mapping, Inbox inbox, ReferralService referrals,
                 TransactionTemplate transaction, HubSpotWebhookParser parser, HubSpotDeals deals,
                 HubSpotRewardDecisions decisions, HubSpotProperties properties) {
        this.reads = reads;
        this.delays = properties.retry();
        this.deals = deals;
        this.decisions = decisions;
        this.client = client;
        this.mapping = mapping;
        this.inbox = inbox;
        this.referrals = referrals;
        this.transaction = transaction;
        this.parser = parser;
    }

    /** The whole batch, deals and decisions included, reads and maps with the hubspot.yaml it started with. */
    public void process(List<InboxEvent> events) {
        mapping.forBatch(() -> processBatch(events));
    }

    private void processBatch(List<InboxEvent> events) {
        Map<String, List<InboxEvent>> byContact = new LinkedHashMap<>();
        Map<String, List<InboxEvent>> byDeal = new LinkedHashMap<>();
        List<Long> ignored = new ArrayList<>();
        List<Long> unread = new ArrayList<>();
        Set<String> contactProperties = readProperties();
        Set<String> dealProperties = Set.copyOf(mapping.current().deal().read().values());
        for (InboxEvent event : events) {
            HubSpotWebhookEvent e = parser.stored(event);
            // a reward decision names a record whose referral is decided already: it is no contact or deal news
            Optional<HubSpotDecisionEvent> decision = e == null ? Optional.empty() : decisions.read(e);
            if (decision.isPresent()) {
                decisions.process(event, decision.get());
                continue;
            }
            if (e != null && e.isChangeOfPropertyNotIn(e.isAboutContact() ? contactProperties : dealProperties)
                    && (e.isAboutContact() || e.isAboutDeal())) {
                unread.add(event.id());
            } else if (e != null && e.isCreationOrChange() && e.isAboutContact()) {
                byContact.computeIfAbsent(event.objectId(), id -> new ArrayList<>()).add(event);
            } else if (e != null && e.isCreationOrChange() && e.isAboutDeal()) {
                byDeal.computeIfAbsent(event.objectId(), id -> new ArrayList<>()).add(event);
            } else {
                ignored.add(event.id());
            }
        }
        if (!ignored.isEmpty()) {
            inbox.markIgnored(ignored, "event type not used by Referloop");
        }
        if (!unread.isEmpty()) {
            inbox.markIgnored(unread, UNREAD_PROPERTY);
        }
        if (byContact.isEmpty() && byDeal.isEmpty()) {
            return;
        }
        if (!client.enabled()) {
            retry(byContact.values(), "HubSpot access token not configured", Duration.ofMinutes(1));
            retry(byDeal.values(), "HubSpot access token not configured", Duration.ofMinutes(1));
            return;
        }
        List<Map<String, List<InboxEvent>>> chunks = inChunks(byContact);
        ContactReads.Read next = chunks.isEmpty() ? null : reads.readAhead(chunks.get(0).keySet(), contactProperties);
        for (int i = 0; i < chunks.size(); i++) {
            ContactReads.Read read = next;
            // the next chunk's read waits for its share of HubSpot's quota while this chunk is decided: read, decide,
            // read again in turn left the quota idle for the decision's time, and put each read behind the write
            // the decision had just queued
            next = i + 1 < chunks.size() ? reads.readAhead(chunks.get(i + 1).keySet(), contactProperties) : null;
            processChunk(chunks.get(i), read);
        }
        inChunks(byDeal).forEach(deals::process);
    }

    private static List<Map<String, List<InboxEvent>>> inChunks(Map<String, List<InboxEvent>> byId) {
        List<Map<String, List<InboxEvent>>> chunks = new ArrayList<>();
        Map<String, List<InboxEvent>> chunk = new LinkedHashMap<>();
        for (Map.Entry<String, List<InboxEvent>> entry : byId.entrySet()) {
            if (chunk.size() == HubSpotClient.BATCH_LIMIT) {
                chunks.add(chunk);
                chunk = new LinkedHashMap<>();
            }
            chunk.put(entry.getKey(), entry.getValue());
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    /** {@code read}: the chunk's contacts, read with what the batch's mapping reads of a contact. */
    private void processChunk(Map<String, List<InboxEvent>> eventsById, ContactReads.Read read) {
        Map<String, HubSpotObject> contacts = new HashMap<>();
        try {
            read.contacts().forEach(c -> contacts.put(c.id(), c));
        } catch (HubSpotApiException e) {
            if (e.isTransient()) {
                postpone(eventsById.values(), e.getMessage());
            } else {
                retry(eventsById.values(), e.getMessage(), HubSpotRetryDelays.AFTER_REFUSAL);
            }
            return;
        } catch (CallNotPermittedException e) {
            postpone(eventsById.values(), "HubSpot circuit breaker open");
            return;
        }
        // One transaction for the whole chunk: a commit waits for the disk, and one per contact made the
        // commits, not the work, the limit. If any contact fails, the chunk is rolled back and each contact
        // is processed in a transaction of its own, so one bad contact never holds back the others.
        // The chunk's events are marked done together, one statement, in the same transaction.
        try {
            transaction.executeWithoutResult(tx -> {
                List<Long> done = new ArrayList<>();
                eventsById.forEach((id, events) -> done.addAll(decide(id, events, contacts)));
                inbox.markDone(done);
            });
        } catch (RuntimeException chunkFailed) {
            eventsById.forEach((id, events) -> {
                try {
                    transaction.executeWithoutResult(tx -> inbox.markDone(decide(id, events, contacts)));
                } catch (RuntimeException e) {
                    log.warn("Contact {} could not be processed, will retry: {}", id, e.toString());
                    inbox.retryLater(events, e.toString(), delays.errorDelay());
                }
            });
        }
    }

    /** Returns the events to mark done; those of a contact that no longer exists are marked ignored here. */
    private List<Long> decide(String id, List<InboxEvent> events, Map<String, HubSpotObject> contacts) {
        List<Long> eventIds = events.stream().map(InboxEvent::id).toList();
        HubSpotObject contact = contacts.get(id);
        if (contact == null) {
            inbox.markIgnored(eventIds, "contact " + id + " no longer exists in HubSpot");
            return List.of();
        }
        referrals.onContact(snapshot(contact));
        return eventIds;
    }

    private ContactSnapshot snapshot(HubSpotObject contact) {
        Map<String, String> fields = new HashMap<>();
        mapping.current().contact().read().forEach((canonical, property) -> {
            String value = contact.properties().get(property);
            if (value != null) {
                fields.put(canonical, value);
            }
        });
        return new ContactSnapshot(HubSpotWritebackListener.CRM, contact.id(), fields, contact.createdAt());
    }

    private Set<String> readProperties() {
        Set<String> names = new LinkedHashSet<>(mapping.current().contact().read().values());
        names.add("createdate");
        return names;
    }

    private void postpone(Iterable<List<InboxEvent>> groups, String why) {
        List<InboxEvent> all = new ArrayList<>();
        groups.forEach(all::addAll);
        inbox.postpone(all, why, delays.unavailableDelay());
    }

    private void retry(Iterable<List<InboxEvent>> groups, String why, Duration delay) {
        List<InboxEvent> all = new ArrayList<>();
        groups.forEach(all::addAll);
        if (!all.isEmpty()) {
            inbox.retryLater(all, why, delay);
        }
    }
}
