package io.referloop.reward;

import io.referloop.mapping.LiveMapping;
import io.referloop.mapping.MappingFiles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RewardConfiguration {

    @Bean
    LiveMapping<RewardRules> rewardRules(MappingFiles mappings) {
        return mappings.live("program.yaml", "program.schema.json", RewardRules.File.class, RewardRules.File::rewards);
    }
}
