package io.referloop.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.reward.Conversion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class StripeEventsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final StripeFixture.Payment payment = StripeFixture.Payment.fresh();

    @Test
    void aPaidFirstInvoiceIsAConversionWithItsChargeAsPayment() throws Exception {
        var conversion = StripeEvents.conversion(event("invoice.paid",
                "{\"id\":\"in_1\",\"billing_reason\":\"subscription_create\",\"customer_email\":\"Zoe@Example.com\","
                        + "\"amount_paid\":4900,\"currency\":\"usd\",\"charge\":\"ch_1\"}"));
        assertThat(conversion).hasValueSatisfying(c -> {
            assertThat(c.kind()).isEqualTo(Conversion.Kind.FIRST_PAYMENT);
            assertThat(c.paymentRef()).isEqualTo("ch_1");
            assertThat(c.revenue()).isEqualByComparingTo("49.00");
            assertThat(c.currency()).isEqualTo("USD");
        });
    }

    @Test
    void aPaidInvoiceNamesItsCustomerWhetherAnIdOrExpanded() throws Exception {
        var byId = StripeEvents.conversion(event("invoice.paid", "{\"id\":\"in_2\",\"status\":\"paid\","
                + "\"customer\":\"cus_A\",\"customer_email\":\"a@b.io\",\"amount_paid\":100,\"currency\":\"usd\"}"));
        var expanded = StripeEvents.conversion(event("invoice.paid", "{\"id\":\"in_3\",\"status\":\"paid\","
                + "\"customer\":{\"id\":\"cus_B\",\"object\":\"customer\"},\"customer_email\":\"a@b.io\","
                + "\"amount_paid\":100,\"currency\":\"usd\"}"));
        assertThat(byId).hasValueSatisfying(c -> assertThat(c.customerRef()).isEqualTo("cus_A"));
        assertThat(expanded).hasValueSatisfying(c -> assertThat(c.customerRef()).isEqualTo("cus_B"));
    }

    @Test
    void aTrialsFreeInvoiceIsNotAConversion() throws Exception {
        assertThat(StripeEvents.conversion(event("invoice.paid",
                "{\"id\":\"in_2\",\"billing_reason\":\"subscription_create\",\"customer_email\":\"a@b.io\",\"amount_paid\":0}")))
                .isEmpty();
    }

    @Test
    void aPaidCheckoutCarriesTheReferralCodeFromClientReferenceId() throws Exception {
        var conversion = StripeEvents.conversion(event("checkout.session.completed",
                "{\"id\":\"cs_1\",\"payment_status\":\"paid\",\"client_reference_id\":\"ABCD2345\",\"amount_total\":1000,"
                        + "\"currency\":\"eur\",\"payment_intent\":\"pi_1\",\"customer_details\":{\"email\":\"c@d.io\"}}"));
        assertThat(conversion).hasValueSatisfying(c -> {
            assertThat(c.referralCode()).isEqualTo("ABCD2345");
            assertThat(c.email()).isEqualTo("c@d.io");
            assertThat(c.paymentRef()).isEqualTo("pi_1");
        });
    }

    @Test
    void anUnpaidCheckoutWithACodeAttributesWithoutConverting() throws Exception {
        JsonNode trial = event("checkout.session.completed",
                "{\"id\":\"cs_2\",\"payment_status\":\"no_payment_required\",\"metadata\":{\"referral_code\":\"ABCD2345\"},"
                        + "\"customer_details\":{\"email\":\"t@d.io\"}}");
        assertThat(StripeEvents.conversion(trial)).isEmpty();
        assertThat(StripeEvents.unpaidCheckoutWithCode(trial)).hasValueSatisfying(v -> assertThat(v).containsExactly("t@d.io", "ABCD2345"));
    }

    @Test
    void aChargeRefundedInPartIsNoReversal() throws Exception {
        JsonNode partial = event("charge.refunded",
                "{\"id\":\"ch_1\",\"refunded\":false,\"amount_refunded\":100,\"payment_intent\":\"pi_1\"}");
        assertThat(StripeEvents.reversal(partial)).isEmpty();
        assertThat(StripeEvents.partialChargeRefund(partial)).isTrue();
    }

    @Test
    void aChargeRefundedInFullBeforeBasilNamesChargePaymentIntentAndInvoice() {
        var charge = StripeFixture.of(StripeFixture.OLD + "charge.refunded.json", payment);
        assertThat(StripeEvents.reversal(charge.json())).hasValue(
                new StripeReversal("refund", payment.charge(), payment.paymentIntent(), payment.invoice()));
    }

    @Test
    void aChargeRefundedInFullFromBasilOnNamesChargeAndPaymentIntentOnly() {
        var charge = StripeFixture.of(StripeFixture.NEW + "charge.refunded.json", payment);
        assertThat(StripeEvents.reversal(charge.json())).hasValue(
                new StripeReversal("refund", payment.charge(), payment.paymentIntent(), null));
    }

    @Test
    void aDisputeNamesItsChargeAndPaymentIntent() {
        var dispute = StripeFixture.of(StripeFixture.NEW + "charge.dispute.created.json", payment);
        assertThat(StripeEvents.reversal(dispute.json())).hasValue(
                new StripeReversal("dispute", payment.charge(), payment.paymentIntent(), null));
    }

    @Test
    void aBasilInvoiceConvertsWithItselfAsThePaymentARefundIsLedTo() {
        var invoice = StripeFixture.of(StripeFixture.NEW + "invoice.paid.json", payment);
        assertThat(StripeEvents.conversion(invoice.json())).hasValueSatisfying(c -> {
            assertThat(c.externalRef()).isEqualTo(payment.invoice());
            assertThat(c.paymentRef()).isEqualTo(payment.invoice());
            assertThat(c.email()).isEqualTo(payment.email());
            assertThat(c.revenue()).isEqualByComparingTo("49.00");
        });
        assertThat(StripeEvents.payments(invoice.json())).isEmpty();
    }

    @Test
    void aBasilInvoiceThatIsNotPaidIsNoConversion() {
        var open = StripeFixture.of(StripeFixture.NEW + "invoice.paid.json", payment)
                .type("invoice.payment_succeeded").with("status", "open");
        assertThat(StripeEvents.conversion(open.json())).isEmpty();
    }

    @Test
    void anInvoicePaymentLinksItsPaymentIntentToItsInvoiceWithTheAmount() {
        var link = StripeFixture.of(StripeFixture.NEW + "invoice_payment.paid.json", payment);
        assertThat(StripeEvents.payments(link.json())).containsExactly(
                new StripePayment(payment.paymentIntent(), payment.invoice(), 4900L, "USD"));
        assertThat(StripeEvents.conversion(link.json())).isEmpty();
    }

    @Test
    void anInvoicePaymentByAChargeWithoutPaymentIntentLinksTheCharge() {
        var link = StripeFixture.of(StripeFixture.NEW + "invoice_payment.paid.json", payment)
                .with("payment", java.util.Map.of("type", "charge", "charge", payment.charge()));
        assertThat(StripeEvents.payments(link.json())).extracting(StripePayment::paymentRef).containsExactly(payment.charge());
    }

    @Test
    void aPaymentRecordMadeOutsideStripeLinksNothing() {
        var link = StripeFixture.of(StripeFixture.NEW + "invoice_payment.paid.json", payment)
                .with("payment", java.util.Map.of("type", "payment_record", "payment_record", "prec_1"));
        assertThat(StripeEvents.payments(link.json())).isEmpty();
    }

    @Test
    void anInvoiceBeforeBasilLinksBothItsChargeAndItsPaymentIntent() {
        var invoice = StripeFixture.of(StripeFixture.OLD + "invoice.paid.json", payment);
        assertThat(StripeEvents.payments(invoice.json())).containsExactly(
                new StripePayment(payment.charge(), payment.invoice(), 4900L, "USD"),
                new StripePayment(payment.paymentIntent(), payment.invoice(), 4900L, "USD"));
        assertThat(StripeEvents.conversion(invoice.json())).hasValueSatisfying(c ->
                assertThat(c.paymentRef()).isEqualTo(payment.charge()));
    }

    @Test
    void anInvoiceBeforeBasilThatSaysUnpaidIsNoConversion() {
        var unpaid = StripeFixture.of(StripeFixture.OLD + "invoice.paid.json", payment)
                .with("paid", false).with("status", null);
        assertThat(StripeEvents.conversion(unpaid.json())).isEmpty();
    }

    @Test
    void aRefundObjectCarriesItsAmountStatusAndPayment() {
        var refund = StripeFixture.of(StripeFixture.NEW + "refund.created.json", payment);
        assertThat(StripeEvents.refund(refund.json())).hasValue(new StripeRefund(payment.refund(), payment.charge(),
                payment.paymentIntent(), 4900, "USD", "succeeded"));
    }

    @Test
    void aFailedOrCanceledRefundGivesNoMoneyBackButAPendingOneDoes() {
        var refund = StripeFixture.of(StripeFixture.NEW + "refund.created.json", payment);
        assertThat(StripeEvents.refund(refund.with("status", "failed").type("refund.updated").json()))
                .hasValueSatisfying(r -> assertThat(StripeRefund.givesMoneyBack(r.status())).isFalse());
        assertThat(StripeEvents.refund(refund.with("status", "canceled").json()))
                .hasValueSatisfying(r -> assertThat(StripeRefund.givesMoneyBack(r.status())).isFalse());
        assertThat(StripeEvents.refund(refund.with("status", "pending").json()))
                .hasValueSatisfying(r -> assertThat(StripeRefund.givesMoneyBack(r.status())).isTrue());
    }

    @Test
    void aTwoDecimalCurrencyIsReadInHundredths() throws Exception {
        assertThat(paidInvoice(4900, "eur").revenue()).isEqualByComparingTo("49.00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv",
            "xaf", "xof", "xpf"})
    void aZeroDecimalCurrencyIsReadInWholeUnits(String currency) throws Exception {
        assertThat(paidInvoice(4900, currency).revenue()).isEqualByComparingTo("4900");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bhd", "jod", "kwd", "omr", "tnd"})
    void aThreeDecimalCurrencyIsReadInThousandths(String currency) throws Exception {
        assertThat(paidInvoice(4905, currency).revenue()).isEqualByComparingTo("4.905");
    }

    @Test
    void aPaidCheckoutInAZeroDecimalCurrencyIsReadInWholeUnits() throws Exception {
        var conversion = StripeEvents.conversion(event("checkout.session.completed",
                "{\"id\":\"cs_3\",\"payment_status\":\"paid\",\"amount_total\":5000,\"currency\":\"jpy\","
                        + "\"payment_intent\":\"pi_3\",\"customer_details\":{\"email\":\"k@d.io\"}}"));
        assertThat(conversion).hasValueSatisfying(c -> assertThat(c.revenue()).isEqualByComparingTo("5000"));
    }

    private Conversion paidInvoice(long amount, String currency) throws Exception {
        return StripeEvents.conversion(event("invoice.paid", "{\"id\":\"in_9\",\"status\":\"paid\",\"amount_paid\":"
                + amount + ",\"currency\":\"" + currency + "\",\"customer_email\":\"m@d.io\"}")).orElseThrow();
    }

    private JsonNode event(String type, String object) throws Exception {
        return json.readTree("{\"id\":\"evt_1\",\"object\":\"event\",\"created\":1750000000,\"type\":\"" + type
                + "\",\"data\":{\"object\":" + object + "}}");
    }
}
