package io.referloop.ingest;

import io.referloop.support.SharedContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.seda.SedaEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A graceful stop of the connector ends at once: a stopping seda consumer (the write-back's wake-up queue) ends only
 * when its poll of the queue returns, which with Camel's default of 1 s added about 2 s to every stop.
 */
@SharedContext
class GracefulStopTest {

    @Autowired
    CamelContext camel;

    @Test
    void theWritebacksWakeUpQueueIsPolledBrieflySoAStopDoesNotWaitForIt() {
        SedaEndpoint queue = camel.getEndpoint("seda:hubspot-writeback-now", SedaEndpoint.class);
        assertThat(queue.getPollTimeout()).isLessThanOrEqualTo(100);
    }
}
