package io.referloop.demo;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The CRM object types the fake knows, with the names HubSpot accepts for them in a path. */
enum FakeHubSpotType {
    CONTACTS("0-1", "contact", "CONTACT", "lastmodifieddate",
            List.of("createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname")),
    COMPANIES("0-2", "company", "COMPANY", "hs_lastmodifieddate",
            List.of("createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name")),
    DEALS("0-3", "deal", "DEAL", "hs_lastmodifieddate",
            List.of("amount", "closedate", "createdate", "dealname", "dealstage", "hs_lastmodifieddate", "hs_object_id",
                    "pipeline"));

    private final String typeId;
    private final String singular;
    private final String label;
    private final String lastModified;
    private final List<String> defaults;

    FakeHubSpotType(String typeId, String singular, String label, String lastModified, List<String> defaults) {
        this.typeId = typeId;
        this.singular = singular;
        this.label = label;
        this.lastModified = lastModified;
        this.defaults = defaults;
    }

    static Optional<FakeHubSpotType> fromPath(String name) {
        for (FakeHubSpotType type : values()) {
            if (type.pathName().equalsIgnoreCase(name) || type.singular.equalsIgnoreCase(name) || type.typeId.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    String pathName() {
        return name().toLowerCase(Locale.ROOT);
    }

    String typeId() {
        return typeId;
    }

    /** Upper-case singular, as in "Could not get some CONTACT objects". */
    String label() {
        return label;
    }

    /** Properties HubSpot returns on every read, whether asked for or not. */
    List<String> alwaysReturned() {
        return List.of("createdate", "hs_object_id", lastModified);
    }

    /** Properties returned when a read names none. */
    List<String> defaultProperties() {
        return defaults;
    }
}
