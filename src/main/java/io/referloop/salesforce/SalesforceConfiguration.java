package io.referloop.salesforce;

import io.referloop.mapping.LiveMapping;
import io.referloop.mapping.MappingFiles;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SalesforceConfiguration {

    @Bean
    io.referloop.ingest.RequiredRoute salesforcePollerRoute(SalesforceProperties properties) {
        return new io.referloop.ingest.RequiredRoute("salesforce-poller", "salesforce-polling.camel.yaml",
                "Salesforce is configured (referloop.salesforce.authentication-type)", properties.apiEnabled());
    }

    /** A changed salesforce.yaml is used only once the org has every field it names (the check needs this mapping too). */
    @Bean
    LiveMapping<SalesforceMapping> salesforceMapping(MappingFiles mappings, ObjectProvider<SalesforceFieldCheck> fieldCheck) {
        return mappings.livePrepared("salesforce.yaml", "salesforce.schema.json", SalesforceMapping.class,
                next -> fieldCheck.getObject().prepare(next));
    }
}
