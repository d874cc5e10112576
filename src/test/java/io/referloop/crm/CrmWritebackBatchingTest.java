package io.referloop.crm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.ingest.ClusterLock;
import io.referloop.outbox.CrmWrite;
import io.referloop.outbox.CrmWriteBatch;
import io.referloop.outbox.CrmWriteOutbox;
import io.referloop.support.MigratedH2;
import io.referloop.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which batches a flush sends at once and which wait to be filled. */
class CrmWritebackBatchingTest {

    private final MigratedH2 database = new MigratedH2("writeback-batching");
    private final MovableClock clock = new MovableClock();
    private final CrmWriteOutbox outbox = new CrmWriteOutbox(database.jdbc(), new ObjectMapper(), clock,
            new ClusterLock(database.jdbc(), clock), Duration.ofMinutes(2));
    private final RecordingCrm crm = new RecordingCrm();
    private final CrmWriteback writeback = new CrmWriteback(crm, outbox, clock, Duration.ofSeconds(1));
    private int friends;

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void whileMoreIsComingUnderABusyQuotaOnlyFullBatchesGoOutAndTheRestFillsUpWithTheNextRecords() {
        crm.worthFilling = true;
        referrals(150, "advocate-1");

        writeback.flush();
        assertThat(crm.sizes).as("151 records: one full call, 51 wait").containsExactly(100);

        referrals(60, "advocate-1");
        writeback.flush();
        assertThat(crm.sizes).as("the 51 waiting, 48 new friends and the advocate").containsExactly(100, 100);
        assertThat(crm.calls.get(1).merged().get("advocate-1")).as("the advocate's latest counter, once")
                .containsEntry("referrals_made", "210");

        crm.worthFilling = false;
        writeback.flush();
        assertThat(crm.sizes).as("nothing more coming: the rest goes out").containsExactly(100, 100, 12);
        assertThat(outbox.count("test-crm", "PENDING")).isZero();
    }

    @Test
    void aBatchWithRoomLeftWaitsNoLongerThanTheBatchWait() {
        crm.worthFilling = true;
        referrals(30, "advocate-1");
        writeback.flush();
        assertThat(crm.sizes).isEmpty();

        clock.advance(Duration.ofMillis(999));
        writeback.flush();
        assertThat(crm.sizes).isEmpty();

        clock.advance(Duration.ofMillis(1));
        writeback.flush();
        assertThat(crm.sizes).containsExactly(31);
    }

    @Test
    void theWaitCountsFromWhenTheRowsNowWaitingWereFirstHeldBack() {
        crm.worthFilling = true;
        referrals(90, "advocate-1");
        writeback.flush();
        clock.advance(Duration.ofMillis(900));
        referrals(60, "advocate-1");
        writeback.flush();
        assertThat(crm.sizes).as("the first 90 went out in a full batch; 51 wait").containsExactly(100);

        clock.advance(Duration.ofMillis(900));
        writeback.flush();
        assertThat(crm.sizes).as("held 0.9 s, not 1.8 s").containsExactly(100);
        clock.advance(Duration.ofMillis(100));
        writeback.flush();
        assertThat(crm.sizes).containsExactly(100, 51);
    }

    @Test
    void withoutABatchWaitEveryBatchGoesOutAtOnce() {
        crm.worthFilling = true;
        CrmWriteback noWait = new CrmWriteback(crm, outbox, clock, Duration.ZERO);
        referrals(30, "advocate-1");
        noWait.flush();
        assertThat(crm.sizes).containsExactly(31);
    }

    @Test
    void whenTheQuotaIsNotTheLimitBatchesWithRoomLeftGoOutAtOnce() {
        referrals(130, "advocate-1");
        writeback.flush();
        assertThat(crm.sizes).containsExactly(100, 31);
    }

    private void referrals(int n, String advocate) {
        for (int i = 0; i < n; i++) {
            friends++;
            outbox.add("test-crm", "contacts", "friend-" + friends, Map.of("referral_status", "attributed"));
            outbox.add("test-crm", "contacts", advocate, Map.of("referrals_made", Integer.toString(friends)));
        }
    }

    /** A CRM of 100 records per call that writes every record it is given. */
    static final class RecordingCrm implements CrmAdapter {

        boolean worthFilling;
        final List<CrmWriteBatch> calls = new ArrayList<>();
        final List<Integer> sizes = new ArrayList<>();

        @Override
        public String crm() {
            return "test-crm";
        }

        @Override
        public PollSettings polling() {
            return new PollSettings(false, Duration.ZERO, Duration.ZERO);
        }

        @Override
        public List<String> polledObjects() {
            return List.of();
        }

        @Override
        public Instant newestChange(String object) {
            return Instant.EPOCH;
        }

        @Override
        public PollPage pollPage(String object, Instant checkpoint, Instant from, String cursor) {
            return new PollPage(List.of(), null);
        }

        @Override
        public String checkpoint(Instant at) {
            return at.toString();
        }

        @Override
        public Instant checkpointAt(String stored) {
            return Instant.parse(stored);
        }

        @Override
        public boolean stopsPoll(RuntimeException failure) {
            return true;
        }

        @Override
        public boolean writesEnabled() {
            return true;
        }

        @Override
        public int writePagesPerRun() {
            return 10;
        }

        @Override
        public int writeBatchLimit() {
            return 100;
        }

        @Override
        public boolean worthFillingBatches() {
            return worthFilling;
        }

        @Override
        public List<CrmWriteBatch> writeBatches(List<CrmWrite> due) {
            return CrmWriteBatch.of(due, 100);
        }

        @Override
        public Map<String, String> write(CrmWriteBatch batch) {
            calls.add(batch);
            sizes.add(batch.merged().size());
            return Map.of();
        }

        @Override
        public WriteFailure writeFailed(RuntimeException failure, CrmWriteBatch batch) {
            return null;
        }
    }
}
