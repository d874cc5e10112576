package io.referloop.salesforce;

import io.referloop.mapping.MappingFiles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SalesforceConfiguration {

    @Bean
    io.referloop.ingest.RequiredRoute salesforcePollerRoute(SalesforceProperties properties) {
        return new io.referloop.ingest.RequiredRoute("salesforce-poller", "salesforce-polling.camel.yaml",
                "Salesforce is configured (referloop.salesforce.authentication-type)", properties.apiEnabled());
    }

    @Bean
    SalesforceMapping salesforceMapping(MappingFiles mappings) {
        return mappings.read("salesforce.yaml", "salesforce.schema.json", SalesforceMapping.class);
    }
}
