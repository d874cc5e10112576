package io.referloop.hubspot;

import io.referloop.mapping.MappingFiles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class HubSpotConfiguration {

    @Bean
    io.referloop.ingest.RequiredRoute hubSpotPollerRoute(HubSpotProperties properties) {
        return new io.referloop.ingest.RequiredRoute("hubspot-poller", "hubspot-polling.camel.yaml",
                "referloop.hubspot.poll-interval is set", properties.pollingEnabled());
    }

    @Bean
    HubSpotMapping hubSpotMapping(MappingFiles mappings) {
        return mappings.read("hubspot.yaml", "hubspot.schema.json", HubSpotMapping.class);
    }
}
