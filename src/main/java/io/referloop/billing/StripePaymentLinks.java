package io.referloop.billing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Which Stripe payment paid which invoice (table {@code stripe_invoice_payment}), and how much. */
@Repository
class StripePaymentLinks {

    private final JdbcClient jdbc;

    StripePaymentLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a link once; a redelivery changes nothing. Two instances recording the same new link at once:
     * one insert fails on the key, its batch is rolled back and retried, and then finds the link there.
     */
    void record(StripePayment payment, Instant now) {
        boolean known = jdbc.sql("SELECT COUNT(*) FROM stripe_invoice_payment WHERE payment_ref = ? AND paid_ref = ?")
                .params(payment.paymentRef(), payment.paidRef()).query(Long.class).single() > 0;
        if (!known) {
            jdbc.sql("""
                    INSERT INTO stripe_invoice_payment (payment_ref, paid_ref, amount, currency, recorded_at)
                    VALUES (?, ?, ?, ?, ?)""")
                    .params(payment.paymentRef(), payment.paidRef(), payment.amount(), payment.currency(), Timestamp.from(now))
                    .update();
        }
    }

    /** The given references and those linked to them either way: the invoices they paid, the payments that paid them. */
    Set<String> withLinked(Collection<String> refs) {
        Set<String> all = new LinkedHashSet<>(refs);
        if (!refs.isEmpty()) {
            // two queries, not one UNION: H2 keeps plain queries parsed between calls but parses a UNION every time,
            // and every Stripe payment asks this
            List<String> given = List.copyOf(refs);
            all.addAll(jdbc.sql("SELECT paid_ref FROM stripe_invoice_payment WHERE payment_ref IN (:refs)")
                    .param("refs", given).query(String.class).list());
            all.addAll(jdbc.sql("SELECT payment_ref FROM stripe_invoice_payment WHERE paid_ref IN (:refs)")
                    .param("refs", given).query(String.class).list());
        }
        return all;
    }

    /**
     * What the payment took, in minor units: the sum of what it paid for each invoice (one payment intent can pay
     * several), as whichever of its references (charge, payment intent) says most.
     */
    Optional<Long> amountOf(Collection<String> paymentRefs, String currency) {
        if (paymentRefs.isEmpty() || currency == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT SUM(amount) FROM stripe_invoice_payment
                WHERE payment_ref IN (:refs) AND currency = :currency AND amount IS NOT NULL
                GROUP BY payment_ref""")
                .param("refs", List.copyOf(paymentRefs)).param("currency", currency)
                .query(Long.class).list().stream().max(Long::compare);
    }
}
