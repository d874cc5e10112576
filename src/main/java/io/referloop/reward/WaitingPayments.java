package io.referloop.reward;

import io.referloop.referral.Emails;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** First payments waiting for their payer's attribution (table {@code waiting_payment}). */
@Repository
class WaitingPayments {

    record Waiting(long id, Conversion conversion) {
    }

    private static final RowMapper<Waiting> ROW = (rs, i) -> new Waiting(rs.getLong("id"), new Conversion(
            Conversion.Kind.FIRST_PAYMENT, rs.getString("source"), rs.getString("external_ref"),
            rs.getString("payment_ref"), rs.getString("payer_email"), rs.getString("payer_name"),
            rs.getString("referral_code"), rs.getBigDecimal("revenue"), rs.getString("currency"),
            rs.getTimestamp("paid_at").toInstant(), null, null, rs.getString("customer_ref"), null));

    private final JdbcClient jdbc;

    WaitingPayments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Keeps a payment whose payer is not attributed yet, if it is the first payment seen from that payer
     * (the billing customer, else the mailbox). Returns false when an earlier one is already kept.
     */
    boolean keepIfFirst(Conversion payment, Instant now) {
        String key = payerKey(payment);
        if (key == null) {
            return false;
        }
        // called under the guardrail lock, so check-then-insert cannot race (and no unique-key violation
        // aborts a PostgreSQL transaction)
        boolean kept = jdbc.sql("SELECT COUNT(*) FROM waiting_payment WHERE source = ? AND payer_key = ?")
                .params(payment.source(), key).query(Long.class).single() > 0;
        if (kept) {
            return false;
        }
        jdbc.sql("""
                INSERT INTO waiting_payment (source, payer_key, payer_email, payer_domain, payer_name, customer_ref,
                    external_ref, payment_ref, referral_code, revenue, currency, paid_at, received_at, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting')""")
                .params(payment.source(), key, Emails.normalise(payment.email()), Emails.domainOf(payment.email()),
                        payment.name(), payment.customerRef(), payment.externalRef(), payment.paymentRef(),
                        payment.referralCode(), payment.revenue(), payment.currency(), Timestamp.from(payment.at()),
                        Timestamp.from(now))
                .update();
        return true;
    }

    /** Kept payments from this mailbox, or from anyone at this company domain, received since {@code since}. */
    List<Waiting> waitingFor(String email, String companyDomain, Instant since) {
        List<Waiting> found = new java.util.ArrayList<>();
        if (email != null) {
            found.addAll(jdbc.sql("""
                    SELECT * FROM waiting_payment WHERE payer_email = ? AND status = 'waiting' AND received_at >= ?
                    ORDER BY id""").params(email, Timestamp.from(since)).query(ROW).list());
        }
        if (companyDomain != null) {
            jdbc.sql("""
                    SELECT * FROM waiting_payment WHERE payer_domain = ? AND status = 'waiting' AND received_at >= ?
                    ORDER BY id""").params(companyDomain, Timestamp.from(since)).query(ROW).list().stream()
                    .filter(w -> found.stream().noneMatch(f -> f.id() == w.id())).forEach(found::add);
        }
        return found;
    }

    /** Claims a kept payment for conversion; false if another transaction took it. */
    boolean take(long id) {
        return jdbc.sql("UPDATE waiting_payment SET status = 'applied' WHERE id = ? AND status = 'waiting'")
                .param(id).update() == 1;
    }

    /**
     * A refund or dispute of a payment still waiting for its attribution: it will never convert. Returns
     * how many waiting payments it names.
     */
    int refunded(java.util.Collection<String> paymentRefs) {
        if (paymentRefs.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                UPDATE waiting_payment SET status = 'refunded'
                WHERE status = 'waiting' AND (payment_ref IN (:refs) OR external_ref IN (:refs))""")
                .param("refs", paymentRefs).update();
    }

    private static String payerKey(Conversion payment) {
        if (payment.customerRef() != null) {
            return "customer:" + payment.customerRef();
        }
        String mailbox = Emails.canonical(payment.email());
        return mailbox == null ? null : "email:" + mailbox;
    }
}
