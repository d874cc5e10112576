package io.referloop.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The CRM records, by type and id. Ids are numeric strings from 1001, unique across types. The router locks. */
final class FakeHubSpotStore {

    /** One CRM record: its id, timestamps and property values (a cleared value is absent). */
    static final class Record {
        final String id;
        final FakeHubSpotType type;
        final Instant createdAt;
        Instant updatedAt;
        /** False while the search index has not caught up with the record (see FakeHubSpot#createContactIndexedLate). */
        boolean searchable = true;
        final Map<String, String> values = new HashMap<>();

        private Record(String id, FakeHubSpotType type, Instant createdAt) {
            this.id = id;
            this.type = type;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }

        /** {id, properties:{name: value or null}, createdAt, updatedAt, archived:false} for the names given. */
        ObjectNode toJson(Collection<String> names) {
            ObjectNode json = FakeJson.object();
            json.put("id", id);
            ObjectNode properties = json.putObject("properties");
            names.forEach(name -> properties.put(name, values.get(name)));
            json.put("createdAt", FakeJson.timestamp(createdAt));
            json.put("updatedAt", FakeJson.timestamp(updatedAt));
            json.put("archived", false);
            return json;
        }
    }

    private final Map<FakeHubSpotType, Map<String, Record>> records = new EnumMap<>(FakeHubSpotType.class);
    private long nextId = 1001;

    FakeHubSpotStore() {
        for (FakeHubSpotType type : FakeHubSpotType.values()) {
            records.put(type, new LinkedHashMap<>());
        }
    }

    Record create(FakeHubSpotType type, Map<String, String> values) {
        Instant now = FakeJson.now();
        Record record = new Record(Long.toString(nextId++), type, now);
        record.values.put("createdate", FakeJson.timestamp(now));
        write(record, values, now);
        record.values.put("hs_object_id", record.id);
        records.get(type).put(record.id, record);
        return record;
    }

    /** Writes the values (an empty or null value clears the property) and stamps the modification dates. */
    void update(Record record, Map<String, String> values) {
        write(record, values, FakeJson.now());
    }

    /** The record with that id, or null. */
    Record find(FakeHubSpotType type, String id) {
        return records.get(type).get(id);
    }

    /** The record whose {@code idProperty} has that value (case-insensitively), or null. */
    Record findBy(FakeHubSpotType type, String idProperty, String value) {
        if (idProperty == null || idProperty.equals("hs_object_id")) {
            return find(type, value);
        }
        return records.get(type).values().stream()
                .filter(record -> value.equalsIgnoreCase(record.values.get(idProperty)))
                .findFirst().orElse(null);
    }

    Collection<Record> all(FakeHubSpotType type) {
        return records.get(type).values();
    }

    private static void write(Record record, Map<String, String> values, Instant now) {
        values.forEach((name, value) -> {
            if (value == null || value.isEmpty()) {
                record.values.remove(name);
            } else {
                record.values.put(name, value);
            }
        });
        Instant updated = now.isAfter(record.updatedAt) ? now : record.updatedAt;
        record.updatedAt = updated;
        record.values.put("hs_lastmodifieddate", FakeJson.timestamp(updated));
        if (record.type == FakeHubSpotType.CONTACTS) {
            record.values.put("lastmodifieddate", FakeJson.timestamp(updated));
        }
    }
}
