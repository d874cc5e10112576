package io.referloop.hubspot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.referloop.mapping.LiveMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates the {@code referloop} property group and the properties Referloop writes: for the hubspot.yaml read at
 * start, once, before the first write (retried on the next write-back run if HubSpot cannot be reached); for a
 * changed hubspot.yaml, before it is put in place ({@link #prepare}). The missing properties of an object type are
 * created with one batch call. Idempotent: what exists is left alone (and one that another instance created meanwhile
 * counts as created).
 */
@Component
class HubSpotPropertyProvisioner {

    private static final Logger log = LoggerFactory.getLogger(HubSpotPropertyProvisioner.class);

    private final HubSpotClient client;
    private final LiveMapping<HubSpotMapping> mapping;
    /** The mapping whose properties are known to be in place. */
    private volatile HubSpotMapping provisioned;

    HubSpotPropertyProvisioner(HubSpotClient client, LiveMapping<HubSpotMapping> mapping) {
        this.client = client;
        this.mapping = mapping;
    }

    /** Before a write: the properties of the mapping in use are in place. */
    synchronized void ensure() {
        HubSpotMapping now = mapping.current();
        if (provisioned != now) {
            provision(now);
        }
    }

    /**
     * A changed hubspot.yaml, before it is used: its group and properties are created; a refusal by HubSpot is thrown
     * with HubSpot's reason, and the change is refused. Without an access token nothing can be created now: the
     * properties are then created before the first write, as for the mapping read at start.
     */
    synchronized void prepare(HubSpotMapping next) {
        if (client.enabled()) {
            provision(next);
        }
    }

    private void provision(HubSpotMapping next) {
        provision(next, "contacts", next.contact().write(), HubSpotPropertyCatalog.CONTACT);
        provision(next, "deals", next.deal().write(), HubSpotPropertyCatalog.DEAL);
        provisioned = next;
        log.info("HubSpot properties in group '{}' are in place", next.propertyGroup().name());
    }

    private void provision(HubSpotMapping next, String objectType, Map<String, String> names,
                           Map<String, HubSpotPropertyCatalog.Definition> catalog) {
        String group = next.propertyGroup().name();
        if (!client.groupNames(objectType).contains(group)) {
            client.createGroup(objectType, group, next.propertyGroup().label());
            log.info("Created HubSpot property group {}/{}", objectType, group);
        }
        Set<String> existing = client.propertyNames(objectType);
        // by name: two canonical names mapped to one property must not put the same input twice in one batch
        Map<String, ObjectNode> missing = new LinkedHashMap<>();
        names.forEach((canonical, name) -> {
            if (!existing.contains(name)) {
                missing.putIfAbsent(name, HubSpotPropertyCatalog.toJson(client.json(), name, group, catalog.get(canonical)));
            }
        });
        if (!missing.isEmpty()) {
            client.createProperties(objectType, List.copyOf(missing.values()));
            log.info("Created HubSpot properties {}/{}", objectType, missing.keySet());
        }
    }
}
