package io.referloop.billing;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.referloop.billing.InstanceTransactions.inOneTransaction;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Links between Stripe payments and the invoices they paid, recorded by connector instances that share one database
 * and may receive the same payment at the same time.
 */
abstract class StripePaymentLinksContract {

    static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");
    static final StripePayment PAYMENT = new StripePayment("pi_1", "in_1", 5000L, "USD");
    static final StripePayment OTHER_PAYMENT = new StripePayment("pi_2", "in_2", 1200L, "USD");

    /** A pool of its own on the one shared database, as another instance would have. */
    abstract DataSource instance();

    static StripePaymentLinks links(DataSource instance) {
        return new StripePaymentLinks(JdbcClient.create(instance), instance);
    }

    @Test
    void aLinkAnotherInstanceRecordsJustBeforeOursLeavesOurEventToCommit() {
        DataSource other = instance();
        DataSource ours = new OtherInstanceFirst(instance(), "stripe_invoice_payment",
                () -> inOneTransaction(other, () -> links(other).record(PAYMENT, NOW.minusSeconds(1))));
        StripePaymentLinks links = links(ours);

        inOneTransaction(ours, () -> {
            links.record(PAYMENT, NOW);
            links.record(OTHER_PAYMENT, NOW);
        });

        StripePaymentLinks reader = links(instance());
        assertThat(reader.withLinked(List.of("pi_1"))).containsExactly("pi_1", "in_1");
        assertThat(reader.withLinked(List.of("pi_2"))).as("the rest of our event, committed")
                .containsExactly("pi_2", "in_2");
        assertThat(recordedAt("pi_1")).as("the other instance's link, kept").containsExactly(NOW.minusSeconds(1));
    }

    @Test
    void aRedeliveryChangesNothing() {
        StripePaymentLinks links = links(instance());
        inOneTransaction(instance(), () -> links.record(PAYMENT, NOW));

        inOneTransaction(instance(), () -> links.record(new StripePayment("pi_1", "in_1", null, "USD"), NOW.plusSeconds(60)));

        assertThat(links.amountOf(Set.of("pi_1"), "USD")).isEqualTo(Optional.of(5000L));
        assertThat(recordedAt("pi_1")).containsExactly(NOW);
    }

    List<Instant> recordedAt(String paymentRef) {
        return JdbcClient.create(instance())
                .sql("SELECT recorded_at FROM stripe_invoice_payment WHERE payment_ref = ?").param(paymentRef)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
    }
}
