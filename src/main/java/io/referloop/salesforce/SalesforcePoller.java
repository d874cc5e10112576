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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SOQL polling (route {@code salesforce-poller}): Leads, Contacts, Accounts and Opportunities whose
 * {@code SystemModstamp} is at or after the stored checkpoint, all pages ({@code nextRecordsUrl}),
 * into the inbox once per record version. One instance polls at a time (a database lease).
 */
@Component("salesforcePoller")
public class SalesforcePoller {

    static final List<String> OBJECTS = List.of("Lead", "Contact", "Account", "Opportunity");
    static final String LOCK = "salesforce-poller";
    private static final Logger log = LoggerFactory.getLogger(SalesforcePoller.class);
    private static final DateTimeFormatter SOQL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX");
    private static final DateTimeFormatter SALESFORCE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final SalesforceProperties properties;
    private final SalesforceClient client;
    private final SalesforceMapping mapping;
    private final Inbox inbox;
    private final PollCheckpoints checkpoints;
    private final ClusterLock lock;
    private final ObjectMapper json;
    private final Clock clock;
    private Instant lastRun = Instant.EPOCH;

    SalesforcePoller(SalesforceProperties properties, SalesforceClient client, SalesforceMapping mapping, Inbox inbox,
                     PollCheckpoints checkpoints, ClusterLock lock, ObjectMapper json, Clock clock) {
        this.properties = properties;
        this.client = client;
        this.mapping = mapping;
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
        for (String object : OBJECTS) {
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
        String checkpoint = checkpoints.get(name).orElseGet(() -> {
            String now = SOQL.format(clock.instant().atOffset(java.time.ZoneOffset.UTC));
            checkpoints.set(name, now);
            return now;
        });
        String soql = "SELECT " + String.join(", ", fields(object)) + " FROM " + object
                + " WHERE SystemModstamp >= " + checkpoint + " ORDER BY SystemModstamp, Id";
        JsonNode page = client.query(soql);
        int stored = 0;
        String newest = checkpoint;
        while (true) {
            for (JsonNode record : page.path("records")) {
                String id = record.path("Id").asText();
                String stamp = record.path("SystemModstamp").asText();
                if (inbox.store("salesforce", "poll:" + object + ":" + id + ":" + stamp, "poll:" + object, id,
                        payload(object, record))) {
                    stored++;
                }
                newest = soql(stamp, newest);
            }
            if (page.path("done").asBoolean(true) || !page.hasNonNull("nextRecordsUrl")) {
                break;
            }
            page = client.next(page.get("nextRecordsUrl").asText());
        }
        checkpoints.set(name, newest);
        return stored;
    }

    private Set<String> fields(String object) {
        Set<String> fields = new LinkedHashSet<>(List.of("Id", "SystemModstamp", "CreatedDate"));
        switch (object) {
            case "Lead", "Contact" -> fields.addAll(mapping.person().read().values());
            case "Account" -> fields.addAll(mapping.account().read().values());
            default -> {
                fields.addAll(mapping.opportunity().read().values());
                fields.add("AccountId");
            }
        }
        return fields;
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

    /** Salesforce returns {@code 2026-11-22T10:00:00.000+0000}; SOQL wants {@code 2026-11-22T10:00:00.000Z}. */
    private static String soql(String stamp, String current) {
        try {
            Instant at = OffsetDateTime.parse(stamp, SALESFORCE).toInstant();
            Instant known = OffsetDateTime.parse(current, SOQL).toInstant();
            return at.isAfter(known) ? SOQL.format(at.atOffset(java.time.ZoneOffset.UTC)) : current;
        } catch (RuntimeException e) {
            return current;
        }
    }

    Map<String, Set<String>> fieldsByObject() {
        Map<String, Set<String>> all = new java.util.LinkedHashMap<>();
        OBJECTS.forEach(o -> all.put(o, fields(o)));
        return all;
    }
}
