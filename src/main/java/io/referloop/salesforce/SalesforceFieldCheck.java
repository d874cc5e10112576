package io.referloop.salesforce;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * At start, with Salesforce on: describes Lead, Contact, Account and Opportunity and stops the connector
 * with the full list of mapped fields the org lacks (deploy {@code salesforce/metadata} to add them).
 */
@Component
class SalesforceFieldCheck implements ApplicationRunner {

    private final SalesforceClient client;
    private final SalesforceReadFields fields;
    private final SalesforceMapping mapping;

    SalesforceFieldCheck(SalesforceClient client, SalesforceReadFields fields, SalesforceMapping mapping) {
        this.client = client;
        this.fields = fields;
        this.mapping = mapping;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!client.enabled()) {
            return;
        }
        List<String> missing = missingFields();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The Salesforce org lacks fields that mappings/salesforce.yaml names: "
                    + String.join(", ", missing) + ". Deploy salesforce/metadata (see salesforce/README.md) or change the mapping.");
        }
    }

    List<String> missingFields() {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Set<String>> object : fields.byObject().entrySet()) {
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
