package io.referloop.hubspot;

import io.referloop.mapping.MappingFiles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class HubSpotConfiguration {

    @Bean
    HubSpotMapping hubSpotMapping(MappingFiles mappings) {
        return mappings.read("hubspot.yaml", "hubspot.schema.json", HubSpotMapping.class);
    }
}
