package io.referloop.loop;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

class RewardLoopOnH2IT extends RewardLoopContract {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:rewards-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }
}
