package io.referloop.outbox;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CrmWriteBatchTest {

    @Test
    void writesToOneRecordAreMergedWithTheLatestValueWinning() {
        List<CrmWriteBatch> batches = CrmWriteBatch.of(List.of(
                write(1, "7", Map.of("referral_status", "attributed", "referred_by_email", "a@x.io")),
                write(2, "7", Map.of("referral_status", "converted"))), 100);
        assertThat(batches).singleElement().satisfies(b -> {
            assertThat(b.merged()).containsOnlyKeys("7");
            assertThat(b.merged().get("7")).containsEntry("referral_status", "converted")
                    .containsEntry("referred_by_email", "a@x.io");
            assertThat(b.rows()).hasSize(2);
        });
    }

    @Test
    void noBatchHoldsMoreThanOneHundredRecords() {
        List<CrmWrite> writes = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            writes.add(write(i, Integer.toString(i), Map.of("referrals_made", "1")));
        }
        List<CrmWriteBatch> batches = CrmWriteBatch.of(writes, 100);
        assertThat(batches).extracting(b -> b.merged().size()).containsExactly(100, 100, 50);
    }

    @Test
    void theLimitIsTheCrmsOwn() {
        List<CrmWrite> writes = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            writes.add(write(i, Integer.toString(i), Map.of("a", "1")));
        }
        assertThat(CrmWriteBatch.of(writes, 200)).extracting(b -> b.merged().size()).containsExactly(200, 50);
    }

    @Test
    void aRepeatedRecordDoesNotOpenANewBatch() {
        List<CrmWrite> writes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            writes.add(write(i, Integer.toString(i), Map.of("a", "1")));
        }
        writes.add(write(100, "5", Map.of("a", "2")));
        assertThat(CrmWriteBatch.of(writes, 100)).singleElement()
                .satisfies(b -> assertThat(b.merged().get("5")).containsEntry("a", "2"));
    }

    private static CrmWrite write(long id, String objectId, Map<String, String> properties) {
        return new CrmWrite(id, "hubspot", "contacts", objectId, properties, 0);
    }
}
