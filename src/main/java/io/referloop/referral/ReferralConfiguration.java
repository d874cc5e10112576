package io.referloop.referral;

import io.referloop.mapping.MappingFiles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ReferralConfiguration {

    @Bean
    ProgrammeRules programmeRules(MappingFiles mappings) {
        return mappings.read("program.yaml", "program.schema.json", ProgrammeRules.class);
    }
}
