package io.referloop.mapping;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Checking changed mapping files can be turned off; mappings/ is then read at start only. */
class MappingsReloadSwitchTest {

    @Test
    void referloopMappingsReloadFalseWatchesNothing() {
        new ApplicationContextRunner().withUserConfiguration(MappingsReload.class)
                .withPropertyValues("referloop.mappings.reload=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MappingsReload.class));
    }
}
