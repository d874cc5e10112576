package io.referloop.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.referloop.ingest.ClusterLock;
import io.referloop.ingest.Inbox;
import io.referloop.ingest.PollCheckpoints;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * SOQL polling (route {@code salesforce-poller}): Leads, Contacts, Accounts and Opportunities whose
 * {@code SystemModstamp} is at or after the stored checkpoint less {@code poll-overlap}, all pages
 * ({@code nextRecordsUrl}), into the inbox once per record version. The checkpoint is the newest stamp
 * Salesforce returned, never this machine's clock. One instance polls at a time (a database lease).
 */
@Component("salesforcePoller")
public class SalesforcePoller {

    static final String LOCK = "salesforce-poller";
    private static final Logger log = LoggerFactory.getLogger(SalesforcePoller.class);
    private static final DateTimeFormatter SOQL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX");
    private static final DateTimeFormatter SALESFORCE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final SalesforceProperties properties;
    private final SalesforceClient client;
    private final SalesforceReadFields fields;
    private final Inbox inbox;
    private final PollCheckpoints checkpoints;
    private final ClusterLock lock;
    private final ObjectMapper json;
    private final Clock clock;
    private Instant lastRun = Instant.EPOCH;

    SalesforcePoller(SalesforceProperties properties, SalesforceClient client, SalesforceReadFields fields, Inbox inbox,
                     PollCheckpoints checkpoints, ClusterLock lock, ObjectMapper json, Clock clock) {
        this.properties = properties;
        this.client = client;
        this.fields = fields;
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

    public synchronized int pollIfDue() {
        if (!properties.apiEnabled() || clock.instant().isBefore(lastRun.plus(properties.pollInterval()))) {
            return 0;
        }
        lastRun = clock.instant();
        if (!lock.tryAcquire(LOCK, properties.pollInterval().multipliedBy(3).plus(Duration.ofSeconds(30)))) {
            return 0;
        }
        int stored = 0;
        for (String object : SalesforceReadFields.OBJECTS) {
            try {
                stored += poll(object);
            } catch (SalesforceApiException e) {
                log.warn("Salesforce poll of {} stopped, resumes from its checkpoint next time: {}", object, e.getMessage());
                return stored;
            }
        }
        return stored;
    }

    private int poll(String object) {
        String name = "salesforce:" + object;
        Instant checkpoint = checkpoints.get(name).map(SalesforcePoller::instant).orElseGet(() -> startingPoint(object, name));
        // SystemModstamp is the transaction's start, to the second: a record can become visible after newer ones
        // were read, stamped below the checkpoint. Re-reading the overlap finds it; the inbox key keeps one effect.
        Instant from = checkpoint.minus(properties.pollOverlap());
        from = from.isBefore(Instant.EPOCH) ? Instant.EPOCH : from;
        String soql = "SELECT " + String.join(", ", fields.of(object)) + " FROM " + object
                + " WHERE SystemModstamp >= " + soql(from) + " ORDER BY SystemModstamp, Id";
        JsonNode page = client.query(soql);
        int stored = 0;
        Instant newest = checkpoint;
        while (true) {
            for (JsonNode record : page.path("records")) {
                String id = record.path("Id").asText();
                String stamp = record.path("SystemModstamp").asText();
                if (inbox.store("salesforce", versionKey(object, id, stamp, record), "poll:" + object, id,
                        payload(object, record))) {
                    stored++;
                }
                newest = later(newest, stamp);
            }
            if (page.path("done").asBoolean(true) || !page.hasNonNull("nextRecordsUrl")) {
                break;
            }
            page = client.next(page.get("nextRecordsUrl").asText());
        }
        checkpoints.set(name, soql(newest));
        return stored;
    }

    /**
     * On first start: the org's newest SystemModstamp for the object, Salesforce's clock rather than this machine's
     * (which disagrees, and runs ahead of transactions still open); the first poll then looks back over the overlap
     * from there. An object without records starts from the beginning, which holds nothing yet.
     */
    private Instant startingPoint(String object, String name) {
        JsonNode newest = client.query("SELECT SystemModstamp FROM " + object + " ORDER BY SystemModstamp DESC LIMIT 1")
                .path("records").path(0).path("SystemModstamp");
        Instant start = newest.isTextual() ? later(Instant.EPOCH, newest.asText()) : Instant.EPOCH;
        checkpoints.set(name, soql(start));
        return start;
    }

    /**
     * One inbox row per record version. Salesforce stamps to the second, so two versions written within one
     * second share a stamp: the digest of the fields read tells them apart, and a re-read of an unchanged
     * version gives the same key (a duplicate, stored once). The fields are digested in name order: the order
     * they are selected and returned in differs from one run of the connector to the next.
     */
    static String versionKey(String object, String id, String stamp, JsonNode record) {
        Map<String, String> fields = new TreeMap<>();
        record.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("attributes")) {
                fields.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().toString() : "null");
            }
        });
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(fields.toString().getBytes(StandardCharsets.UTF_8));
            return "poll:" + object + ":" + id + ":" + stamp + ":"
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String payload(String object, JsonNode record) {
        ObjectNode payload = json.createObjectNode();
        payload.put("objectType", object);
        ObjectNode fields = payload.putObject("fields");
        record.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("attributes")) {
                fields.set(e.getKey(), e.getValue().isValueNode() ? e.getValue() : json.getNodeFactory().nullNode());
            }
        });
        return payload.toString();
    }

    /** The later of a known instant and a stamp as Salesforce returns it ({@code 2026-11-22T10:00:00.000+0000}). */
    private static Instant later(Instant known, String stamp) {
        try {
            Instant at = OffsetDateTime.parse(stamp, SALESFORCE).toInstant();
            return at.isAfter(known) ? at : known;
        } catch (RuntimeException e) {
            return known;
        }
    }

    /** SOQL wants {@code 2026-11-22T10:00:00.000Z}; checkpoints are stored in that form too. */
    private static String soql(Instant instant) {
        return SOQL.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static Instant instant(String soql) {
        return OffsetDateTime.parse(soql, SOQL).toInstant();
    }
}
