package io.referloop.demo;

import io.referloop.demo.FakeSalesforceSchema.Field;
import io.referloop.demo.FakeSalesforceSchema.FieldType;
import io.referloop.demo.FakeSalesforceSchema.SObjectType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The records, by type and 18-character id, in creation order. Values are stored already coerced by their field
 * (see {@link Field#coerce}); an empty value is absent, a boolean is never empty. The router locks.
 */
final class FakeSalesforceStore {

    /** One record: its id, type and field values by canonical field name, Id and the audit fields included. */
    static final class Record {
        final String id;
        final SObjectType type;
        final Map<String, Object> values = new LinkedHashMap<>();

        private Record(String id, SObjectType type) {
            this.id = id;
            this.type = type;
        }

        Object get(Field field) {
            return values.get(field.name());
        }
    }

    private final Map<String, Map<String, Record>> records = new HashMap<>();
    private final Map<String, Long> nextNumber = new HashMap<>();

    /** Creates a record with the (already coerced) values, stamping the audit fields with now. */
    Record create(SObjectType type, Map<Field, Object> values) {
        return create(type, values, stamp());
    }

    /**
     * Creates a record whose transaction started at {@code started}: Salesforce stamps the audit fields with the
     * transaction's start, so a long transaction commits a record stamped earlier than records already visible.
     */
    Record create(SObjectType type, Map<Field, Object> values, Instant started) {
        long number = nextNumber.merge(type.keyPrefix, 1L, Long::sum);
        String id = FakeSalesforceJson.to18(type.keyPrefix + "xx" + String.format(Locale.ROOT, "%010d", number));
        Record record = new Record(id, type);
        Instant now = started.truncatedTo(ChronoUnit.SECONDS);
        record.values.put("Id", id);
        for (Field field : type.fields()) {
            if (field.type() == FieldType.BOOLEAN) {
                record.values.put(field.name(), Boolean.FALSE);
            }
        }
        record.values.put("CreatedDate", FakeSalesforceJson.format(now));
        write(record, values, now);
        records.computeIfAbsent(type.name, t -> new LinkedHashMap<>()).put(id, record);
        return record;
    }

    /** Writes the (already coerced) values, null clearing, and bumps LastModifiedDate and SystemModstamp. */
    void update(Record record, Map<Field, Object> values) {
        write(record, values, stamp());
    }

    /** The record of that type with that 15- or 18-character id, or null. */
    Record find(SObjectType type, String id) {
        if (id == null || !FakeSalesforceJson.isId(id)) {
            return null;
        }
        return records.getOrDefault(type.name, Map.of()).get(FakeSalesforceJson.normalizeId(id));
    }

    Collection<Record> all(SObjectType type) {
        return records.getOrDefault(type.name, Map.of()).values();
    }

    /** Drops a removed field's values from every record of the type. */
    void dropField(SObjectType type, String fieldName) {
        all(type).forEach(record -> record.values.remove(fieldName));
    }

    /** Now, to the second, as Salesforce stamps (its API shows {@code .000}): writes within one second share a stamp. */
    private static Instant stamp() {
        return FakeJson.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static void write(Record record, Map<Field, Object> values, Instant stamp) {
        values.forEach((field, value) -> {
            if (value == null) {
                record.values.remove(field.name());
            } else {
                record.values.put(field.name(), value);
            }
        });
        deriveStage(record, values);
        record.values.put("LastModifiedDate", FakeSalesforceJson.format(stamp));
        record.values.put("SystemModstamp", FakeSalesforceJson.format(stamp));
    }

    /** Opportunity IsWon and IsClosed follow StageName ("Closed Won", "Closed Lost"), unless set explicitly. */
    private static void deriveStage(Record record, Map<Field, Object> values) {
        if (!record.type.name.equals("Opportunity")) {
            return;
        }
        boolean stageSet = values.keySet().stream().anyMatch(f -> f.name().equals("StageName"));
        boolean flagsSet = values.keySet().stream().anyMatch(f -> List.of("IsWon", "IsClosed").contains(f.name()));
        if (!stageSet || flagsSet) {
            return;
        }
        Object stage = record.values.get("StageName");
        String text = stage == null ? "" : stage.toString().toLowerCase(Locale.ROOT);
        if (record.type.field("IsWon") != null) {
            record.values.put("IsWon", text.equals("closed won"));
        }
        if (record.type.field("IsClosed") != null) {
            record.values.put("IsClosed", text.equals("closed won") || text.equals("closed lost"));
        }
    }
}
