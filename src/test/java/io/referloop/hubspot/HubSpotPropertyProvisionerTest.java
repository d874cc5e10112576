package io.referloop.hubspot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.referloop.demo.FakeHubSpot;
import io.referloop.demo.FakeHubSpot.PropertyCreateCall;
import io.referloop.mapping.LiveMapping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connector's property group and properties, created in a portal that lacks them: one batch call per object
 * type for the properties, every call under the connector's rate limiter.
 */
class HubSpotPropertyProvisionerTest {

    private static final String TOKEN = "pat-provisioner-test";

    private final FakeHubSpot hubspot = new FakeHubSpot(TOKEN).start();
    private final AtomicInteger permits = new AtomicInteger();
    private final HubSpotClient client = countingPermits(ShippedHubSpot.properties(hubspot, TOKEN));
    private final LiveMapping<HubSpotMapping> mapping = ShippedHubSpot.mapping();

    @AfterEach
    void stop() {
        hubspot.close();
    }

    @Test
    void aPortalWithoutTheConnectorsPropertiesGetsOneBatchCallPerObjectType() {
        new HubSpotPropertyProvisioner(client, mapping).ensure();

        assertThat(hubspot.propertyCreateCalls()).containsExactly(
                new PropertyCreateCall("contacts", true, written(mapping.current().contact().write().values())),
                new PropertyCreateCall("deals", true, written(mapping.current().deal().write().values())));
        assertThat(hubspot.hasPropertyGroup("contacts", "referloop")).isTrue();
        assertThat(hubspot.hasPropertyGroup("deals", "referloop")).isTrue();
        mapping.current().contact().write().values().forEach(name ->
                assertThat(hubspot.hasProperty("contacts", name)).as(name).isTrue());
        mapping.current().deal().write().values().forEach(name ->
                assertThat(hubspot.hasProperty("deals", name)).as(name).isTrue());
        assertThat(permits.get()).as("a permit for every call").isEqualTo(hubspot.requestCount());

        new HubSpotPropertyProvisioner(client, mapping).ensure();
        assertThat(hubspot.propertyCreateCalls()).as("what exists is left alone").hasSize(2);
    }

    @Test
    void onlyTheMissingPropertiesAreInTheBatch() {
        client.createGroup("contacts", "referloop", "Referloop");
        client.createProperty("contacts", HubSpotPropertyCatalog.toJson(new ObjectMapper(), "referral_code", "referloop",
                HubSpotPropertyCatalog.CONTACT.get("referral-code")));
        int before = hubspot.propertyCreateCalls().size();

        new HubSpotPropertyProvisioner(client, mapping).ensure();

        assertThat(hubspot.propertyCreateCalls().subList(before, hubspot.propertyCreateCalls().size())).containsExactly(
                new PropertyCreateCall("contacts", true, written(mapping.current().contact().write().values()) - 1),
                new PropertyCreateCall("deals", true, written(mapping.current().deal().write().values())));
    }

    private static int written(Collection<String> names) {
        return new HashSet<>(names).size();
    }

    /** The shipped client, each call's permit counted on its way to the limiter. */
    private HubSpotClient countingPermits(HubSpotProperties properties) {
        HubSpotResilience shipped = HubSpotResilience.standalone(properties);
        return new HubSpotClient(properties, new ObjectMapper(), new HubSpotResilience(shipped.rateLimiters,
                shipped.circuitBreakers, shipped.retries, () -> {
                    permits.incrementAndGet();
                    RateLimiter.waitForPermission(shipped.rateLimiter);
                }));
    }
}
