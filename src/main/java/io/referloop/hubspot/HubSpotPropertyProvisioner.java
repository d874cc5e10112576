package io.referloop.hubspot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Set;

/**
 * Creates the {@code referloop} property group and the properties Referloop writes, once, before the
 * first write. Idempotent: what exists is left alone (and a 409 from a race counts as success).
 * Retried on the next write-back run if HubSpot cannot be reached.
 */
@Component
class HubSpotPropertyProvisioner {

    private static final Logger log = LoggerFactory.getLogger(HubSpotPropertyProvisioner.class);

    private final HubSpotClient client;
    private final HubSpotMapping mapping;
    private volatile boolean done;

    HubSpotPropertyProvisioner(HubSpotClient client, HubSpotMapping mapping) {
        this.client = client;
        this.mapping = mapping;
    }

    boolean isDone() {
        return done;
    }

    synchronized void ensure() {
        if (done) {
            return;
        }
        provision("contacts", mapping.contact().write(), HubSpotPropertyCatalog.CONTACT);
        provision("deals", mapping.deal().write(), HubSpotPropertyCatalog.DEAL);
        done = true;
        log.info("HubSpot properties in group '{}' are in place", mapping.propertyGroup().name());
    }

    private void provision(String objectType, Map<String, String> names,
                           Map<String, HubSpotPropertyCatalog.Definition> catalog) {
        String group = mapping.propertyGroup().name();
        if (!client.groupNames(objectType).contains(group)) {
            client.createGroup(objectType, group, mapping.propertyGroup().label());
            log.info("Created HubSpot property group {}/{}", objectType, group);
        }
        Set<String> existing = client.propertyNames(objectType);
        names.forEach((canonical, name) -> {
            if (!existing.contains(name)) {
                client.createProperty(objectType,
                        HubSpotPropertyCatalog.toJson(client.json(), name, group, catalog.get(canonical)));
                log.info("Created HubSpot property {}/{}", objectType, name);
            }
        });
    }
}
