package io.referloop.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.reward.Conversion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StripeEventsTest {

    private final ObjectMapper json = new ObjectMapper();

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
    void onlyAFullRefundCountsAsARefund() throws Exception {
        assertThat(StripeEvents.refund(event("charge.refunded",
                "{\"id\":\"ch_1\",\"refunded\":false,\"amount_refunded\":100,\"payment_intent\":\"pi_1\"}"))).isEmpty();
        assertThat(StripeEvents.refund(event("charge.refunded",
                "{\"id\":\"ch_1\",\"refunded\":true,\"payment_intent\":\"pi_1\",\"invoice\":\"in_1\"}")))
                .hasValueSatisfying(r -> assertThat(r.paymentRefs()).containsExactly("ch_1", "pi_1", "in_1"));
    }

    @Test
    void aDisputeNamesItsCharge() throws Exception {
        assertThat(StripeEvents.refund(event("charge.dispute.created",
                "{\"id\":\"dp_1\",\"charge\":\"ch_9\",\"payment_intent\":\"pi_9\",\"status\":\"warning_needs_response\"}")))
                .hasValueSatisfying(r -> {
                    assertThat(r.kind()).isEqualTo("dispute");
                    assertThat(r.paymentRefs()).containsExactly("ch_9", "pi_9");
                });
    }

    private JsonNode event(String type, String object) throws Exception {
        return json.readTree("{\"id\":\"evt_1\",\"object\":\"event\",\"created\":1750000000,\"type\":\"" + type
                + "\",\"data\":{\"object\":" + object + "}}");
    }
}
