package io.referloop.hubspot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.referloop.ingest.ClusterLock;
import io.referloop.ingest.Inbox;
import io.referloop.ingest.PollCheckpoints;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * For portals that cannot send webhooks, and as a backfill beside them (route {@code hubspot-poller}):
 * contacts and deals modified since the stored checkpoint are found with the search API and fed into
 * the same inbox as webhook events. Each change is stored once (key: object, id, modification time);
 * processing is idempotent, so a change seen by a webhook and by the poller has one effect.
 * The checkpoint is the newest modification time HubSpot reported, never this machine's clock, and each poll
 * re-reads {@code poll-overlap} before it, since the search index lags writes. HubSpot's search stops at
 * 10,000 results, so after 10,000 the search restarts from the newest modification time seen. One instance
 * polls at a time (a lease in the database).
 */
@Component("hubSpotPoller")
public class HubSpotPoller {

    static final String LOCK = "hubspot-poller";
    static final String MODIFIED = "hs_lastmodifieddate";
    static final int SEARCH_WINDOW = 10_000;
    private static final Logger log = LoggerFactory.getLogger(HubSpotPoller.class);

    private final HubSpotProperties properties;
    private final HubSpotClient client;
    private final Inbox inbox;
    private final PollCheckpoints checkpoints;
    private final ClusterLock lock;
    private final ObjectMapper json;
    private final Clock clock;
    private final int searchWindow;
    private Instant lastRun = Instant.EPOCH;

    @Autowired
    HubSpotPoller(HubSpotProperties properties, HubSpotClient client, Inbox inbox, PollCheckpoints checkpoints,
                  ClusterLock lock, ObjectMapper json, Clock clock) {
        this(properties, client, inbox, checkpoints, lock, json, clock, SEARCH_WINDOW);
    }

    /** {@code searchWindow}: the results one search can page through (HubSpot's 10,000; smaller in tests). */
    HubSpotPoller(HubSpotProperties properties, HubSpotClient client, Inbox inbox, PollCheckpoints checkpoints,
                  ClusterLock lock, ObjectMapper json, Clock clock, int searchWindow) {
        this.searchWindow = searchWindow;
        this.properties = properties;
        this.client = client;
        this.inbox = inbox;
        this.checkpoints = checkpoints;
        this.lock = lock;
        this.json = json;
        this.clock = clock;
    }

    /**
     * On a graceful stop the lease is handed back at once, so another instance takes over polling on
     * its next tick instead of waiting for the lease to run out. Camel's routes have stopped by now;
     * synchronized waits for a poll in progress to finish storing its page and checkpoint.
     */
    @PreDestroy
    public synchronized void releaseLease() {
        lock.release(LOCK);
    }

    /** Polls when the interval has passed since the last run and this instance holds the lease. */
    public synchronized int pollIfDue() {
        if (!properties.pollingEnabled() || clock.instant().isBefore(lastRun.plus(properties.pollInterval()))) {
            return 0;
        }
        lastRun = clock.instant();
        Duration lease = properties.pollInterval().multipliedBy(3).plusSeconds(30);
        if (!lock.tryAcquire(LOCK, lease)) {
            return 0;
        }
        try {
            return poll("contacts", "contact") + poll("deals", "deal");
        } catch (HubSpotApiException | CallNotPermittedException e) {
            log.warn("HubSpot poll stopped, resumes from its checkpoint next time: {}", e.getMessage());
            return 0;
        }
    }

    private int poll(String objectType, String eventPrefix) {
        String name = "hubspot:" + objectType;
        long checkpoint = checkpoints.get(name).map(Long::parseLong).orElseGet(() -> startingPoint(objectType, name));
        // The search index lags writes by seconds: a change can become findable after newer ones were read, with a
        // modification time below the checkpoint. Re-reading the overlap finds it; the inbox key keeps one effect.
        long from = Math.max(0, checkpoint - properties.pollOverlap().toMillis());
        long newest = checkpoint;
        int stored = 0;
        int seenInWindow = 0;
        String after = null;
        while (true) {
            HubSpotClient.SearchPage page = client.searchModifiedSince(objectType, MODIFIED, from, List.of(), after);
            for (HubSpotObject object : page.results()) {
                long modified = modifiedAt(object, checkpoint);
                newest = Math.max(newest, modified);
                if (inbox.store("hubspot", "poll:" + objectType + ":" + object.id() + ":" + modified,
                        eventPrefix + ".propertyChange", object.id(), event(eventPrefix, object.id(), modified))) {
                    stored++;
                }
            }
            seenInWindow += page.results().size();
            if (page.after() == null || page.results().isEmpty()) {
                checkpoints.set(name, Long.toString(newest));
                return stored;
            }
            if (seenInWindow + HubSpotClient.SEARCH_PAGE > searchWindow) {
                from = newest;
                checkpoints.set(name, Long.toString(newest));
                seenInWindow = 0;
                after = null;
            } else {
                after = page.after();
            }
        }
    }

    /**
     * On first start: the modification time of the portal's most recently changed object, HubSpot's clock rather
     * than this machine's (the two disagree, and the index lags); the first poll then looks back over the overlap
     * from there. A portal without any object starts from the beginning, which holds nothing yet.
     */
    private long startingPoint(String objectType, String name) {
        long start = client.newest(objectType, MODIFIED).map(object -> modifiedAt(object, 0)).orElse(0L);
        checkpoints.set(name, Long.toString(start));
        return start;
    }

    private String event(String prefix, String id, long modified) {
        ObjectNode node = json.createObjectNode();
        node.put("subscriptionType", prefix + ".propertyChange");
        node.put("objectId", id);
        node.put("occurredAt", modified);
        node.put("changeSource", "REFERLOOP_POLL");
        return node.toString();
    }

    private static long modifiedAt(HubSpotObject object, long fallback) {
        String value = object.properties().get(MODIFIED);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Instant.parse(value.trim()).toEpochMilli();
        }
    }
}
