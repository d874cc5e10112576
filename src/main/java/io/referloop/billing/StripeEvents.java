package io.referloop.billing;

import com.fasterxml.jackson.databind.JsonNode;
import io.referloop.reward.Conversion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the Stripe events Referloop uses, in the shapes of every API version an endpoint may be pinned to:
 * before {@code 2025-03-31.basil} an invoice names its {@code charge} and {@code payment_intent}; from then
 * on only {@code invoice_payment.paid} events link a payment to its invoice.
 */
final class StripeEvents {

    static final String SOURCE = "stripe";

    private static final Set<String> PAID_INVOICE = Set.of("invoice.paid", "invoice.payment_succeeded");
    private static final Set<String> REFUND_OBJECT = Set.of("refund.created", "refund.updated", "refund.failed",
            "charge.refund.updated");

    private StripeEvents() {
    }

    /** A paid invoice (amount above zero: a trial's free invoice is not a conversion) or a paid checkout. */
    static Optional<Conversion> conversion(JsonNode event) {
        String type = type(event);
        JsonNode o = object(event);
        Instant at = Instant.ofEpochSecond(event.path("created").asLong(Instant.now().getEpochSecond()));
        if (PAID_INVOICE.contains(type)) {
            long paid = o.path("amount_paid").asLong(0);
            if (paid <= 0 || !invoicePaid(o)) {
                return Optional.empty();
            }
            String currency = upper(text(o, "currency"));
            return Optional.of(new Conversion(Conversion.Kind.FIRST_PAYMENT, SOURCE, o.path("id").asText(),
                    first(o, "charge", "payment_intent", "id"), text(o, "customer_email"), text(o, "customer_name"),
                    referralCode(o), StripeAmounts.toMajor(paid, currency), currency, at, null, null, customer(o), null));
        }
        if (paidCheckout(type, o)) {
            String currency = upper(text(o, "currency"));
            return Optional.of(new Conversion(Conversion.Kind.FIRST_PAYMENT, SOURCE, o.path("id").asText(),
                    first(o, "payment_intent", "invoice", "id"), text(o.path("customer_details"), "email"),
                    text(o.path("customer_details"), "name"), referralCode(o),
                    StripeAmounts.toMajor(o.path("amount_total").asLong(0), currency), currency, at, null, null,
                    customer(o), null));
        }
        return Optional.empty();
    }

    /** A checkout that carries a referral code but no payment yet (a trial): the customer is attributed now. */
    static Optional<String[]> unpaidCheckoutWithCode(JsonNode event) {
        JsonNode o = object(event);
        if (!type(event).equals("checkout.session.completed") || "paid".equals(o.path("payment_status").asText())) {
            return Optional.empty();
        }
        String code = referralCode(o);
        String email = text(o.path("customer_details"), "email");
        return code == null || email == null ? Optional.empty() : Optional.of(new String[] {email, code});
    }

    /**
     * The payments an event tells of, with what they paid: an {@code invoice_payment.paid}; a paid invoice of
     * an API version before basil (its charge and payment intent); a paid checkout's payment intent.
     */
    static List<StripePayment> payments(JsonNode event) {
        String type = type(event);
        JsonNode o = object(event);
        List<StripePayment> payments = new ArrayList<>(2);
        if (type.equals("invoice_payment.paid") && o.path("status").asText("paid").equals("paid")) {
            JsonNode payment = o.path("payment");
            Long amount = o.path("amount_paid").isIntegralNumber() ? o.path("amount_paid").asLong() : null;
            // a payment_record is a payment made outside Stripe: no Stripe refund or dispute can name it
            add(payments, first(payment, "payment_intent", "charge"), text(o, "invoice"), amount, text(o, "currency"));
        } else if (PAID_INVOICE.contains(type) && invoicePaid(o) && o.path("amount_paid").asLong(0) > 0) {
            long amount = o.path("amount_paid").asLong();
            add(payments, text(o, "charge"), text(o, "id"), amount, text(o, "currency"));
            add(payments, text(o, "payment_intent"), text(o, "id"), amount, text(o, "currency"));
        } else if (paidCheckout(type, o)) {
            add(payments, text(o, "payment_intent"), first(o, "invoice", "id"), o.path("amount_total").asLong(0),
                    text(o, "currency"));
        }
        return payments;
    }

    /** A charge refunded in full ({@code refunded: true}: partial refunds are not), or a dispute of a charge. */
    static Optional<StripeReversal> reversal(JsonNode event) {
        String type = type(event);
        JsonNode o = object(event);
        StripeReversal reversal = null;
        if (type.equals("charge.refunded") && o.path("refunded").asBoolean(false)) {
            // "invoice" is there up to API version 2024-12-18.acacia only
            reversal = new StripeReversal(StripeReversal.REFUND, text(o, "id"), text(o, "payment_intent"), text(o, "invoice"));
        } else if (type.equals("charge.dispute.created")) {
            reversal = new StripeReversal(StripeReversal.DISPUTE, text(o, "charge"), text(o, "payment_intent"), null);
        }
        return reversal == null || reversal.paymentKey() == null ? Optional.empty() : Optional.of(reversal);
    }

    /** A {@code charge.refunded} that refunds only part of the charge. */
    static boolean partialChargeRefund(JsonNode event) {
        return type(event).equals("charge.refunded") && !object(event).path("refunded").asBoolean(false);
    }

    /** A refund object, full or partial, in any status. */
    static Optional<StripeRefund> refund(JsonNode event) {
        JsonNode o = object(event);
        if (!REFUND_OBJECT.contains(type(event)) || !"refund".equals(o.path("object").asText("refund"))
                || text(o, "id") == null || !o.path("amount").isIntegralNumber()) {
            return Optional.empty();
        }
        StripeRefund refund = new StripeRefund(text(o, "id"), text(o, "charge"), text(o, "payment_intent"),
                o.path("amount").asLong(), upper(text(o, "currency")), o.path("status").asText("pending"));
        return refund.paymentRefs().isEmpty() ? Optional.empty() : Optional.of(refund);
    }

    /** Before basil {@code paid} says it; from basil on only {@code status} does. */
    private static boolean invoicePaid(JsonNode invoice) {
        JsonNode status = invoice.get("status");
        if (status != null && status.isTextual()) {
            return status.asText().equals("paid");
        }
        return invoice.path("paid").asBoolean(true);
    }

    private static boolean paidCheckout(String type, JsonNode o) {
        return type.equals("checkout.session.completed") && "paid".equals(o.path("payment_status").asText());
    }

    private static void add(List<StripePayment> payments, String paymentRef, String paidRef, Long amount, String currency) {
        if (paymentRef != null && paidRef != null) {
            payments.add(new StripePayment(paymentRef, paidRef, amount, upper(currency)));
        }
    }

    /** The customer id, whether Stripe sent it as an id or as an expanded object. */
    private static String customer(JsonNode o) {
        JsonNode customer = o.path("customer");
        return customer.isObject() ? text(customer, "id") : text(o, "customer");
    }

    private static String referralCode(JsonNode o) {
        String code = text(o, "client_reference_id");
        if (code == null) {
            code = text(o.path("metadata"), "referral_code");
        }
        if (code == null) {
            code = text(o.path("parent").path("subscription_details").path("metadata"), "referral_code");
        }
        return code;
    }

    private static String type(JsonNode event) {
        return event.path("type").asText();
    }

    private static JsonNode object(JsonNode event) {
        return event.path("data").path("object");
    }

    private static String first(JsonNode o, String... fields) {
        for (String f : fields) {
            String v = text(o, f);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank() ? null : v.asText();
    }
}
