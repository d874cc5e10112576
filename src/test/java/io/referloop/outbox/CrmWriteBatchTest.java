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

    @Test
    void anAdvocateWrittenOnceForEachReferralIsOneInputOfOneBatchWithItsLatestCounter() {
        List<CrmWrite> writes = new ArrayList<>();
        long id = 0;
        for (int i = 0; i < 300; i++) {
            writes.add(write(id++, "friend-" + i, Map.of("referral_status", "attributed")));
            writes.add(write(id++, "advocate-" + (i % 3), Map.of("referrals_made", Integer.toString(i / 3 + 1))));
        }
        List<CrmWriteBatch> batches = CrmWriteBatch.of(writes, 100);

        assertThat(batches).extracting(b -> b.merged().size()).as("full batches: 303 records").containsExactly(100, 100, 100, 3);
        assertThat(batches.stream().filter(b -> b.merged().containsKey("advocate-1")).toList()).singleElement()
                .satisfies(b -> assertThat(b.merged().get("advocate-1")).containsEntry("referrals_made", "100"));
        assertThat(batches.stream().mapToInt(b -> b.rows().size()).sum()).as("every row in a batch").isEqualTo(600);
    }

    @Test
    void aRecordsRowsStayInTheirOrderSoTheLatestValueWins() {
        List<CrmWrite> writes = new ArrayList<>();
        writes.add(write(1, "7", Map.of("referral_status", "attributed")));
        for (int i = 0; i < 150; i++) {
            writes.add(write(10 + i, "other-" + i, Map.of("a", "1")));
        }
        writes.add(write(500, "7", Map.of("referral_status", "converted")));
        writes.add(write(501, "7", Map.of("referral_status", "rewarded")));
        List<CrmWriteBatch> batches = CrmWriteBatch.of(writes, 100);

        CrmWriteBatch first = batches.get(0);
        assertThat(first.merged().get("7")).containsEntry("referral_status", "rewarded");
        assertThat(first.rows().stream().filter(r -> r.objectId().equals("7")).map(CrmWrite::id)).containsExactly(1L, 500L, 501L);
        assertThat(batches.get(1).merged()).doesNotContainKey("7").hasSize(51);
    }

    private static CrmWrite write(long id, String objectId, Map<String, String> properties) {
        return new CrmWrite(id, "hubspot", "contacts", objectId, properties, 0);
    }
}
