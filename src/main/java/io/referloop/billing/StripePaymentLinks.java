package io.referloop.billing;

import io.referloop.ingest.DatabaseProduct;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import javax.sql.DataSource;
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

    private static final String INSERT_UNLESS_LINKED_POSTGRES = """
            INSERT INTO stripe_invoice_payment (payment_ref, paid_ref, amount, currency, recorded_at)
            VALUES (:paymentRef, :paidRef, :amount, :currency, :recordedAt)
            ON CONFLICT (payment_ref, paid_ref) DO NOTHING""";

    private static final String INSERT_UNLESS_LINKED_H2 = """
            INSERT INTO stripe_invoice_payment (payment_ref, paid_ref, amount, currency, recorded_at)
            SELECT :paymentRef, :paidRef, :amount, :currency, :recordedAt
            WHERE NOT EXISTS (SELECT 1 FROM stripe_invoice_payment WHERE payment_ref = :paymentRef AND paid_ref = :paidRef)""";

    private final JdbcClient jdbc;
    private final DatabaseProduct database;

    StripePaymentLinks(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.database = new DatabaseProduct(dataSource);
    }

    /**
     * Records a link once: a redelivery, or another instance that recorded the same link first, changes nothing and
     * leaves the event's transaction to commit. The first link keeps its amount: a later event may not say it.
     */
    void record(StripePayment payment, Instant now) {
        jdbc.sql(insertUnlessLinked())
                .param("paymentRef", payment.paymentRef()).param("paidRef", payment.paidRef())
                .param("amount", payment.amount()).param("currency", payment.currency())
                .param("recordedAt", Timestamp.from(now))
                .update();
    }

    /**
     * On PostgreSQL an insert that waited for another instance's uncommitted link skips it instead of failing, and a
     * failed statement would abort the whole transaction. H2 takes ON CONFLICT only in its PostgreSQL mode, which
     * the connector does not use; there the primary key still guards the rare case of two transactions inserting at
     * once (H2's file is held by one instance).
     */
    private String insertUnlessLinked() {
        return database.isH2() ? INSERT_UNLESS_LINKED_H2 : INSERT_UNLESS_LINKED_POSTGRES;
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
