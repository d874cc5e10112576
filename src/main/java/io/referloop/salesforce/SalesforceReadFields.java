package io.referloop.salesforce;

import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields Referloop reads of each object, whether polling or reading a record an outbound message names:
 * the audit stamps, and every field {@code mappings/salesforce.yaml} reads.
 */
@Component
class SalesforceReadFields {

    static final List<String> OBJECTS = List.of("Lead", "Contact", "Account", "Opportunity");

    private final SalesforceMapping mapping;

    SalesforceReadFields(SalesforceMapping mapping) {
        this.mapping = mapping;
    }

    Set<String> of(String object) {
        Set<String> fields = new LinkedHashSet<>(List.of("Id", "SystemModstamp", "CreatedDate"));
        switch (object) {
            case "Lead", "Contact" -> fields.addAll(mapping.person().read().values());
            case "Account" -> fields.addAll(mapping.account().read().values());
            case "Opportunity" -> {
                fields.addAll(mapping.opportunity().read().values());
                fields.add("AccountId");
            }
            default -> throw new IllegalArgumentException("Referloop reads no " + object + " records");
        }
        return fields;
    }

    Map<String, Set<String>> byObject() {
        Map<String, Set<String>> all = new LinkedHashMap<>();
        OBJECTS.forEach(o -> all.put(o, of(o)));
        return all;
    }
}
