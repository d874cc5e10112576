package io.referloop.salesforce;

import io.referloop.mapping.LiveMapping;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * With Salesforce on: describes Lead, Contact, Account and Opportunity and names every mapped field the org lacks
 * (deploy {@code salesforce/metadata} to add them). At start such a field stops the connector; in a changed
 * salesforce.yaml it refuses the change ({@link #prepare}).
 */
@Component
class SalesforceFieldCheck implements ApplicationRunner {

    private final SalesforceClient client;
    private final LiveMapping<SalesforceMapping> mapping;

    SalesforceFieldCheck(SalesforceClient client, LiveMapping<SalesforceMapping> mapping) {
        this.client = client;
        this.mapping = mapping;
    }

    @Override
    public void run(ApplicationArguments args) {
        prepare(mapping.current());
    }

    /** Throws, naming each Object.Field the org lacks, unless the org has every field {@code next} reads or writes. */
    void prepare(SalesforceMapping next) {
        if (!client.enabled()) {
            return;
        }
        List<String> missing = missingFields(next);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The Salesforce org lacks fields that mappings/salesforce.yaml names: "
                    + String.join(", ", missing) + ". Deploy salesforce/metadata (see salesforce/README.md) or change the mapping.");
        }
    }

    private List<String> missingFields(SalesforceMapping mapping) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Set<String>> object : SalesforceReadFields.byObject(mapping).entrySet()) {
            Set<String> wanted = new HashSet<>(object.getValue());
            if (object.getKey().equals("Lead") || object.getKey().equals("Contact")) {
                wanted.addAll(mapping.person().write().values());
            } else if (object.getKey().equals("Opportunity")) {
                wanted.addAll(mapping.opportunity().write().values());
            }
            Set<String> present = new HashSet<>();
            client.describe(object.getKey()).path("fields").forEach(f -> present.add(f.path("name").asText()));
            wanted.stream().filter(f -> !present.contains(f)).sorted()
                    .forEach(f -> missing.add(object.getKey() + "." + f));
        }
        return missing;
    }
}
