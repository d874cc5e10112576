package io.referloop.ingest;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Applying changed route files can be turned off; routes/ is then read at start only. */
class RoutesReloadSwitchTest {

    @Test
    void referloopRoutesReloadFalseWatchesNothing() {
        new ApplicationContextRunner().withUserConfiguration(RoutesReload.class)
                .withPropertyValues("referloop.routes.reload=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RoutesReload.class));
    }
}
