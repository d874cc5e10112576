package io.referloop.hubspot;

import java.util.Map;

/**
 * {@code mappings/hubspot.yaml}: which HubSpot properties hold the canonical fields the connector reads,
 * and which properties it writes (schema: schemas/hubspot.schema.json).
 */
public record HubSpotMapping(PropertyGroup propertyGroup, ObjectMapping contact, ObjectMapping deal) {

    public record PropertyGroup(String name, String label) {
    }

    /** Canonical field name -> HubSpot property name. */
    public record ObjectMapping(Map<String, String> read, Map<String, String> write) {
        public ObjectMapping {
            read = read == null ? Map.of() : Map.copyOf(read);
            write = write == null ? Map.of() : Map.copyOf(write);
        }

        public String writeName(String canonical) {
            String name = write.get(canonical);
            if (name == null) {
                throw new IllegalStateException("hubspot.yaml maps no property for " + canonical);
            }
            return name;
        }
    }
}
