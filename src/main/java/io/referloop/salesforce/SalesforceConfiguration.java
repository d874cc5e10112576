package io.referloop.salesforce;

import io.referloop.mapping.MappingFiles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SalesforceConfiguration {

    @Bean
    SalesforceMapping salesforceMapping(MappingFiles mappings) {
        return mappings.read("salesforce.yaml", "salesforce.schema.json", SalesforceMapping.class);
    }
}
