package io.referloop.hubspot;

import io.referloop.mapping.LiveMapping;
import io.referloop.mapping.MappingFiles;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class HubSpotConfiguration {

    @Bean
    io.referloop.ingest.RequiredRoute hubSpotPollerRoute(HubSpotProperties properties) {
        return new io.referloop.ingest.RequiredRoute("hubspot-poller", "hubspot-polling.camel.yaml",
                "referloop.hubspot.poll-interval is set", properties.pollingEnabled());
    }

    /** A changed hubspot.yaml has its properties created before it is used (the provisioner needs this mapping too). */
    @Bean
    LiveMapping<HubSpotMapping> hubSpotMapping(MappingFiles mappings, ObjectProvider<HubSpotPropertyProvisioner> provisioner) {
        return mappings.livePrepared("hubspot.yaml", "hubspot.schema.json", HubSpotMapping.class,
                next -> provisioner.getObject().prepare(next));
    }
}
