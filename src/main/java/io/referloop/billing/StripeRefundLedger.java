package io.referloop.billing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Every Stripe refund object seen, in its latest status (table {@code stripe_refund}), so partial refunds add up. */
@Repository
class StripeRefundLedger {

    private final JdbcClient jdbc;

    StripeRefundLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Keeps the refund's latest status. Failed and canceled are final: events arrive in any order, and a
     * {@code refund.created} that says {@code pending} may come after the {@code refund.updated} that says
     * {@code failed}. Answers the status kept.
     */
    String record(StripeRefund refund, Instant now) {
        List<String> known = jdbc.sql("SELECT status FROM stripe_refund WHERE refund_id = ?")
                .param(refund.id()).query(String.class).list();
        if (known.isEmpty()) {
            jdbc.sql("""
                    INSERT INTO stripe_refund (refund_id, charge_id, payment_intent, amount, currency, status, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(refund.id(), refund.charge(), refund.paymentIntent(), refund.amount(), refund.currency(),
                            refund.status(), Timestamp.from(now))
                    .update();
            return refund.status();
        }
        if (!StripeRefund.givesMoneyBack(known.get(0))) {
            return known.get(0);
        }
        jdbc.sql("UPDATE stripe_refund SET status = ?, amount = ?, updated_at = ? WHERE refund_id = ?")
                .params(refund.status(), refund.amount(), Timestamp.from(now), refund.id())
                .update();
        return refund.status();
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
