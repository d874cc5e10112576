package io.referloop.referral;

import io.referloop.mapping.LiveMapping;
import io.referloop.mapping.MappingFiles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ReferralConfiguration {

    @Bean
    LiveMapping<ProgrammeRules> programmeRules(MappingFiles mappings) {
        return mappings.live("program.yaml", "program.schema.json", ProgrammeRules.class);
    }
}
