package io.referloop.billing;

import io.referloop.ingest.DatabaseProduct;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Every Stripe refund object seen, in its latest status (table {@code stripe_refund}), so partial refunds add up. */
@Repository
class StripeRefundLedger {

    private static final String INSERT_UNLESS_RECORDED_POSTGRES = """
            INSERT INTO stripe_refund (refund_id, charge_id, payment_intent, amount, currency, status, updated_at)
            VALUES (:refundId, :charge, :paymentIntent, :amount, :currency, :status, :updatedAt)
            ON CONFLICT (refund_id) DO NOTHING""";

    private static final String INSERT_UNLESS_RECORDED_H2 = """
            INSERT INTO stripe_refund (refund_id, charge_id, payment_intent, amount, currency, status, updated_at)
            SELECT :refundId, :charge, :paymentIntent, :amount, :currency, :status, :updatedAt
            WHERE NOT EXISTS (SELECT 1 FROM stripe_refund WHERE refund_id = :refundId)""";

    private final JdbcClient jdbc;
    private final DatabaseProduct database;

    StripeRefundLedger(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.database = new DatabaseProduct(dataSource);
    }

    /**
     * Keeps the refund's latest status. Failed and canceled are final: events arrive in any order, and a
     * {@code refund.created} that says {@code pending} may come after the {@code refund.updated} that says
     * {@code failed}. Answers the status kept: a refund another instance recorded first, even a moment before, is
     * one already known, and its final status stays final.
     */
    String record(StripeRefund refund, Instant now) {
        if (insertUnlessRecorded(refund, now)) {
            return refund.status();
        }
        // the update itself leaves a final status alone: another instance may make the refund fail between a read
        // of ours and our write, and a read-then-update would turn that failure back into money given back
        int updated = jdbc.sql("""
                UPDATE stripe_refund SET status = :status, amount = :amount, updated_at = :updatedAt
                WHERE refund_id = :refundId AND status NOT IN (:final)""")
                .param("status", refund.status()).param("amount", refund.amount())
                .param("updatedAt", Timestamp.from(now)).param("refundId", refund.id())
                .param("final", StripeRefund.FINAL_WITHOUT_MONEY_BACK)
                .update();
        if (updated == 1) {
            return refund.status();
        }
        return jdbc.sql("SELECT status FROM stripe_refund WHERE refund_id = ?")
                .param(refund.id()).query(String.class).single();
    }

    /** Whether this refund was new; one already there, whoever recorded it, is left for the caller to update. */
    private boolean insertUnlessRecorded(StripeRefund refund, Instant now) {
        return jdbc.sql(insertStatement())
                .param("refundId", refund.id()).param("charge", refund.charge())
                .param("paymentIntent", refund.paymentIntent()).param("amount", refund.amount())
                .param("currency", refund.currency()).param("status", refund.status())
                .param("updatedAt", Timestamp.from(now))
                .update() == 1;
    }

    /**
     * On PostgreSQL an insert that waited for another instance's uncommitted refund skips it instead of failing,
     * and a failed statement would abort the whole event's transaction. H2 takes ON CONFLICT only in its PostgreSQL
     * mode, which the connector does not use; there the primary key still guards the rare case of two transactions
     * inserting at once (H2's file is held by one instance).
     */
    private String insertStatement() {
        return database.isH2() ? INSERT_UNLESS_RECORDED_H2 : INSERT_UNLESS_RECORDED_POSTGRES;
    }


    /** What the refunds of this payment that did not fail give back, in minor units. */
    long refundedOf(String charge, String paymentIntent, String currency) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(amount), 0) FROM stripe_refund
                WHERE (charge_id = :charge OR payment_intent = :paymentIntent) AND currency = :currency
                  AND status NOT IN ('failed', 'canceled')""")
                .param("charge", charge).param("paymentIntent", paymentIntent).param("currency", currency)
                .query(Long.class).single();
    }

    /** A payment some refund names. */
    record RefundedPayment(String charge, String paymentIntent, String currency) {
    }

    /** The payments among these that any refund names, whatever its status. */
    List<RefundedPayment> paymentsRefunded(Collection<String> paymentRefs) {
        if (paymentRefs.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT DISTINCT charge_id, payment_intent, currency FROM stripe_refund
                WHERE charge_id IN (:refs) OR payment_intent IN (:refs)""")
                .param("refs", List.copyOf(paymentRefs))
                .query((rs, n) -> new RefundedPayment(rs.getString("charge_id"), rs.getString("payment_intent"),
                        rs.getString("currency")))
                .list();
    }
}
