package io.referloop.reward;

import io.referloop.mapping.MappingFiles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RewardConfiguration {

    @Bean
    RewardRules rewardRules(MappingFiles mappings) {
        return mappings.read("program.yaml", "program.schema.json", RewardRules.File.class).rewards();
    }
}
