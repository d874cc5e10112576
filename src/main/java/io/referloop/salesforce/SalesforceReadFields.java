package io.referloop.salesforce;

import io.referloop.mapping.LiveMapping;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields Referloop reads of each object, whether polling or reading a record an outbound message names:
 * the audit stamps, and every field {@code mappings/salesforce.yaml} reads.
 */
@Component
class SalesforceReadFields {

    static final List<String> OBJECTS = List.of("Lead", "Contact", "Account", "Opportunity");

    private final LiveMapping<SalesforceMapping> mapping;

    SalesforceReadFields(LiveMapping<SalesforceMapping> mapping) {
        this.mapping = mapping;
    }

    Set<String> of(String object) {
        return of(mapping.current(), object);
    }

    /** The audit fields first, then the rest in name order (the mapping's own order differs from run to run). */
    static Set<String> of(SalesforceMapping mapping, String object) {
        Set<String> fields = new LinkedHashSet<>(List.of("Id", "SystemModstamp", "CreatedDate"));
        switch (object) {
            case "Lead", "Contact" -> fields.addAll(new TreeSet<>(mapping.person().read().values()));
            case "Account" -> fields.addAll(new TreeSet<>(mapping.account().read().values()));
            case "Opportunity" -> {
                Set<String> opportunity = new TreeSet<>(mapping.opportunity().read().values());
                opportunity.add("AccountId");
                fields.addAll(opportunity);
            }
            default -> throw new IllegalArgumentException("Referloop reads no " + object + " records");
        }
        return fields;
    }

    static Map<String, Set<String>> byObject(SalesforceMapping mapping) {
        Map<String, Set<String>> all = new LinkedHashMap<>();
        OBJECTS.forEach(o -> all.put(o, of(mapping, o)));
        return all;
    }
}
