package io.referloop.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.ingest.ClusterLock;
import io.referloop.support.SharedContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@SharedContext
class CrmWriteOutboxTest {

    private static final String CRM = "outbox-test";

    @Autowired
    JdbcClient jdbc;

    @Test
    void aNewerWriteTakesTheOlderOnesOfItsRecordThatWaitAfterAFailureSoTheyNeverOverwriteIt() {
        CrmWriteOutbox outbox = new CrmWriteOutbox(jdbc, new ObjectMapper(), Clock.systemUTC(), new ClusterLock(jdbc, Clock.systemUTC()), Duration.ofMinutes(2));
        outbox.add(CRM, "contacts", "7", Map.of("referrals_converted", "2", "referral_rewards_total", "100.00"));
        outbox.retryLater(outbox.due(CRM, 100), "HubSpot answered 503", Duration.ofMinutes(5));
        outbox.add(CRM, "contacts", "8", Map.of("referral_status", "rewarded"));
        outbox.add(CRM, "contacts", "8", Map.of("referral_status", "converted"));
        outbox.retryLater(outbox.due(CRM, 100), "HubSpot answered 503", Duration.ofMinutes(5));
        outbox.add(CRM, "contacts", "7", Map.of("referrals_converted", "3", "referral_rewards_total", "150.00"));

        List<CrmWrite> due = outbox.due(CRM, 100);

        assertThat(due).extracting(CrmWrite::objectId).as("record 8 waits: none of its writes is due").containsExactly("7", "7");
        assertThat(CrmWriteBatch.of(due, 100)).singleElement().satisfies(batch ->
                assertThat(batch.merged().get("7")).containsEntry("referrals_converted", "3")
                        .containsEntry("referral_rewards_total", "150.00"));
    }

    @Test
    void oneInstanceSendsACrmsWritesAtATimeAndAnotherTakesOverOnceItHandedThemBack() {
        CrmWriteOutbox first = new CrmWriteOutbox(jdbc, new ObjectMapper(), Clock.systemUTC(), new ClusterLock(jdbc, Clock.systemUTC()), Duration.ofMinutes(2));
        CrmWriteOutbox second = new CrmWriteOutbox(jdbc, new ObjectMapper(), Clock.systemUTC(), new ClusterLock(jdbc, Clock.systemUTC()), Duration.ofMinutes(2));
        String crm = "lease-test";
        first.add(crm, "contacts", "9", Map.of("referral_status", "attributed"));

        assertThat(first.due(crm, 100)).hasSize(1);
        assertThat(second.due(crm, 100)).as("the first instance sends").isEmpty();

        first.destroy();
        assertThat(second.due(crm, 100)).hasSize(1);
    }
}
