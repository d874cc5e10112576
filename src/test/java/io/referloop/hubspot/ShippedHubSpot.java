package io.referloop.hubspot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.demo.FakeHubSpot;
import io.referloop.mapping.LiveMapping;
import io.referloop.mapping.MappingFiles;
import io.referloop.mapping.MappingsProperties;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** The parts of the HubSpot connection as shipped, built without Spring, for tests of one class against the fake. */
final class ShippedHubSpot {

    private ShippedHubSpot() {
    }

    static HubSpotClient client(FakeHubSpot hubspot, String token) {
        return new HubSpotClient(properties(hubspot, token), new ObjectMapper());
    }

    static HubSpotProperties properties(FakeHubSpot hubspot, String token) {
        return new HubSpotProperties(URI.create(hubspot.baseUrl()), token, null, 1000, 2, Duration.ofSeconds(30),
                Duration.ofSeconds(2), Duration.ofSeconds(5), null, Duration.ofMinutes(2), HubSpotRetryDelays.DEFAULTS);
    }

    static LiveMapping<HubSpotMapping> mapping() {
        return new MappingFiles(new MappingsProperties(Path.of("mappings")))
                .live("hubspot.yaml", "hubspot.schema.json", HubSpotMapping.class);
    }
}
