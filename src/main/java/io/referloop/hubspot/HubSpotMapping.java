package io.referloop.hubspot;

import java.util.Map;

/**
 * {@code mappings/hubspot.yaml}: which HubSpot properties hold the canonical fields the connector reads,
 * and which properties it writes (schema: schemas/hubspot.schema.json).
 */
public record HubSpotMapping(PropertyGroup propertyGroup, ObjectMapping contact, DealMapping deal,
                             CompanyMapping company) {

    public HubSpotMapping {
        company = company == null ? CompanyMapping.DEFAULT : company;
    }

    public record PropertyGroup(String name, String label) {
    }

    /**
     * Deals: fields as for contacts, plus the stages that count as won, per pipeline id
     * ({@code "*"} applies to every pipeline).
     */
    public record DealMapping(Map<String, String> read, Map<String, String> write,
                              Map<String, java.util.List<String>> wonStages) {
        public DealMapping {
            read = read == null ? Map.of() : Map.copyOf(read);
            write = write == null ? Map.of() : Map.copyOf(write);
            wonStages = wonStages == null ? Map.of("*", java.util.List.of("closedwon")) : Map.copyOf(wonStages);
        }

        public String writeName(String canonical) {
            return new ObjectMapping(read, write).writeName(canonical);
        }

        public boolean isWon(String pipeline, String stage) {
            if (stage == null) {
                return false;
            }
            java.util.List<String> stages = wonStages.getOrDefault(pipeline == null ? "" : pipeline, wonStages.get("*"));
            return stages != null && stages.contains(stage);
        }
    }

    /**
     * Companies: only read, for the domain a won deal converts through. The section is optional so that a
     * {@code hubspot.yaml} written before it existed still starts, with HubSpot's own property names.
     */
    public record CompanyMapping(Map<String, String> read) {

        static final CompanyMapping DEFAULT = new CompanyMapping(Map.of("domain", "domain"));

        public CompanyMapping {
            read = read == null ? DEFAULT.read : Map.copyOf(read);
        }

        public String domainProperty() {
            return read.get("domain");
        }
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
