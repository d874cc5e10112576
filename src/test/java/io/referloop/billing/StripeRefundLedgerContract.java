package io.referloop.billing;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.referloop.billing.InstanceTransactions.inOneTransaction;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Stripe refunds seen, recorded by connector instances that share one database and may receive events of the
 * same refund at the same time (Stripe sends {@code refund.created} and {@code refund.updated} in any order).
 */
abstract class StripeRefundLedgerContract {

    static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");
    static final StripeRefund CREATED = new StripeRefund("re_1", "ch_1", "pi_1", 2000L, "USD", "pending");
    static final StripeRefund FAILED = new StripeRefund("re_1", "ch_1", "pi_1", 2000L, "USD", "failed");
    static final StripeRefund SUCCEEDED = new StripeRefund("re_1", "ch_1", "pi_1", 2000L, "USD", "succeeded");
    static final StripeRefund OTHER_REFUND = new StripeRefund("re_2", "ch_2", "pi_2", 700L, "USD", "pending");

    /** A pool of its own on the one shared database, as another instance would have. */
    abstract DataSource instance();

    static StripeRefundLedger ledger(DataSource instance) {
        return new StripeRefundLedger(JdbcClient.create(instance), instance);
    }

    @Test
    void aFailureAnotherInstanceRecordsJustBeforeOurCreationStaysFinalAndLeavesOurEventToCommit() {
        DataSource other = instance();
        DataSource ours = new OtherInstanceFirst(instance(), "stripe_refund",
                () -> inOneTransaction(other, () -> ledger(other).record(FAILED, NOW.minusSeconds(1))));
        StripeRefundLedger ledger = ledger(ours);
        AtomicReference<String> kept = new AtomicReference<>();

        inOneTransaction(ours, () -> {
            kept.set(ledger.record(CREATED, NOW));
            ledger.record(OTHER_REFUND, NOW);
        });

        assertThat(kept).as("what our event is told: the refund was known, and failed").hasValue("failed");
        assertThat(statusOf("re_1")).isEqualTo("failed");
        assertThat(ledger(instance()).refundedOf("ch_1", "pi_1", "USD")).isZero();
        assertThat(ledger(instance()).refundedOf("ch_2", "pi_2", "USD")).as("the rest of our event, committed")
                .isEqualTo(700L);
    }

    @Test
    void aRefundAnotherInstanceRecordsPendingJustBeforeOursTakesOurLaterStatus() {
        DataSource other = instance();
        DataSource ours = new OtherInstanceFirst(instance(), "stripe_refund",
                () -> inOneTransaction(other, () -> ledger(other).record(CREATED, NOW.minusSeconds(1))));
        AtomicReference<String> kept = new AtomicReference<>();

        inOneTransaction(ours, () -> kept.set(ledger(ours).record(SUCCEEDED, NOW)));

        assertThat(kept).hasValue("succeeded");
        assertThat(statusOf("re_1")).isEqualTo("succeeded");
        assertThat(ledger(instance()).refundedOf("ch_1", "pi_1", "USD")).isEqualTo(2000L);
    }

    @Test
    void aFailureAnotherInstanceRecordsAfterWeReadTheRefundStaysFinal() {
        inOneTransaction(instance(), () -> ledger(instance()).record(CREATED, NOW.minusSeconds(2)));
        DataSource other = instance();
        // the other instance's failure commits after our read of the pending refund, before our update of it
        DataSource ours = OtherInstanceFirst.beforeStatement(instance(), "UPDATE stripe_refund",
                () -> inOneTransaction(other, () -> ledger(other).record(FAILED, NOW.minusSeconds(1))));
        AtomicReference<String> kept = new AtomicReference<>();

        inOneTransaction(ours, () -> kept.set(ledger(ours).record(SUCCEEDED, NOW)));

        assertThat(kept).as("what our event is told: the refund failed meanwhile").hasValue("failed");
        assertThat(statusOf("re_1")).isEqualTo("failed");
        assertThat(ledger(instance()).refundedOf("ch_1", "pi_1", "USD")).isZero();
    }

    @Test
    void aCreationDeliveredAfterTheFailureLeavesTheRefundFailed() {
        StripeRefundLedger ledger = ledger(instance());
        inOneTransaction(instance(), () -> ledger.record(FAILED, NOW));

        AtomicReference<String> kept = new AtomicReference<>();
        inOneTransaction(instance(), () -> kept.set(ledger.record(CREATED, NOW.plusSeconds(60))));

        assertThat(kept).hasValue("failed");
        assertThat(statusOf("re_1")).isEqualTo("failed");
    }

    String statusOf(String refundId) {
        List<String> statuses = JdbcClient.create(instance())
                .sql("SELECT status FROM stripe_refund WHERE refund_id = ?").param(refundId).query(String.class).list();
        assertThat(statuses).as("one row per refund").hasSize(1);
        return statuses.get(0);
    }
}
