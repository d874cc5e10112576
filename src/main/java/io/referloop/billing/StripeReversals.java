package io.referloop.billing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Full refunds and disputes of Stripe payments (table {@code stripe_reversal}): one per kind and payment, so the
 * same refund told by {@code charge.refunded}, {@code refund.created} and {@code refund.updated} acts once.
 */
@Repository
class StripeReversals {

    private final JdbcClient jdbc;

    StripeReversals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the reversal unless known; true if it still has to be applied (new, or kept unmatched so far). */
    boolean recordUnlessApplied(StripeReversal reversal, Instant now) {
        List<Boolean> applied = jdbc.sql("SELECT applied_at IS NOT NULL FROM stripe_reversal WHERE kind = ? AND payment_key = ?")
                .params(reversal.kind(), reversal.paymentKey()).query(Boolean.class).list();
        if (applied.isEmpty()) {
            jdbc.sql("""
                    INSERT INTO stripe_reversal (kind, payment_key, charge_id, payment_intent, invoice_id, received_at)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(reversal.kind(), reversal.paymentKey(), reversal.charge(), reversal.paymentIntent(),
                            reversal.invoice(), Timestamp.from(now))
                    .update();
            return true;
        }
        return !applied.get(0);
    }

    void markApplied(StripeReversal reversal, Instant now) {
        jdbc.sql("UPDATE stripe_reversal SET applied_at = ? WHERE kind = ? AND payment_key = ? AND applied_at IS NULL")
                .params(Timestamp.from(now), reversal.kind(), reversal.paymentKey())
                .update();
    }

    /** Drops a reversal that was kept unmatched and turned out not to be one (its refund failed). */
    void forgetKept(StripeReversal reversal) {
        jdbc.sql("DELETE FROM stripe_reversal WHERE kind = ? AND payment_key = ? AND applied_at IS NULL")
                .params(reversal.kind(), reversal.paymentKey())
                .update();
    }

    /** Reversals that matched no converted payment yet and name any of these references. */
    List<StripeReversal> keptNaming(Collection<String> refs) {
        if (refs.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT kind, charge_id, payment_intent, invoice_id FROM stripe_reversal
                WHERE applied_at IS NULL
                  AND (charge_id IN (:refs) OR payment_intent IN (:refs) OR invoice_id IN (:refs))
                ORDER BY received_at""")
                .param("refs", List.copyOf(refs))
                .query((rs, n) -> new StripeReversal(rs.getString("kind"), rs.getString("charge_id"),
                        rs.getString("payment_intent"), rs.getString("invoice_id")))
                .list();
    }
}
