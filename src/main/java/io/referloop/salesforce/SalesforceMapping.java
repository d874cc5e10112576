package io.referloop.salesforce;

import java.util.Map;

/** {@code mappings/salesforce.yaml}: canonical field names -> Salesforce field API names. */
public record SalesforceMapping(Fields person, Fields account, Fields opportunity) {

    public record Fields(Map<String, String> read, Map<String, String> write) {
        public Fields {
            read = read == null ? Map.of() : Map.copyOf(read);
            write = write == null ? Map.of() : Map.copyOf(write);
        }
    }
}
