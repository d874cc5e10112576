package io.referloop.billing;

import com.fasterxml.jackson.databind.JsonNode;
import io.referloop.reward.Conversion;
import io.referloop.reward.Refund;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the Stripe events Referloop uses into conversions and refunds. */
final class StripeEvents {

    static final String SOURCE = "stripe";

    private StripeEvents() {
    }

    /** A paid invoice (amount above zero: a trial's free invoice is not a conversion) or a paid checkout. */
    static Optional<Conversion> conversion(JsonNode event) {
        String type = event.path("type").asText();
        JsonNode o = event.path("data").path("object");
        Instant at = Instant.ofEpochSecond(event.path("created").asLong(Instant.now().getEpochSecond()));
        if (type.equals("invoice.paid") || type.equals("invoice.payment_succeeded")) {
            long paid = o.path("amount_paid").asLong(0);
            if (paid <= 0) {
                return Optional.empty();
            }
            return Optional.of(new Conversion(Conversion.Kind.FIRST_PAYMENT, SOURCE, o.path("id").asText(),
                    first(o, "charge", "payment_intent", "id"), text(o, "customer_email"), text(o, "customer_name"),
                    referralCode(o), money(paid), upper(text(o, "currency")), at, null, null));
        }
        if (type.equals("checkout.session.completed") && "paid".equals(o.path("payment_status").asText())) {
            return Optional.of(new Conversion(Conversion.Kind.FIRST_PAYMENT, SOURCE, o.path("id").asText(),
                    first(o, "payment_intent", "invoice", "id"), text(o.path("customer_details"), "email"),
                    text(o.path("customer_details"), "name"), referralCode(o), money(o.path("amount_total").asLong(0)),
                    upper(text(o, "currency")), at, null, null));
        }
        return Optional.empty();
    }

    /** A checkout that carries a referral code but no payment yet (a trial): the customer is attributed now. */
    static Optional<String[]> unpaidCheckoutWithCode(JsonNode event) {
        JsonNode o = event.path("data").path("object");
        if (!event.path("type").asText().equals("checkout.session.completed") || "paid".equals(o.path("payment_status").asText())) {
            return Optional.empty();
        }
        String code = referralCode(o);
        String email = text(o.path("customer_details"), "email");
        return code == null || email == null ? Optional.empty() : Optional.of(new String[] {email, code});
    }

    /** A full refund or a dispute of a charge. */
    static Optional<Refund> refund(JsonNode event) {
        String type = event.path("type").asText();
        JsonNode o = event.path("data").path("object");
        List<String> refs = new ArrayList<>();
        if (type.equals("charge.refunded") && o.path("refunded").asBoolean(false)) {
            add(refs, text(o, "id"), text(o, "payment_intent"), text(o, "invoice"));
            return Optional.of(new Refund(SOURCE, "refund", refs));
        }
        if (type.equals("charge.dispute.created")) {
            add(refs, text(o, "charge"), text(o, "payment_intent"));
            return Optional.of(new Refund(SOURCE, "dispute", refs));
        }
        return Optional.empty();
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

    private static void add(List<String> refs, String... values) {
        for (String v : values) {
            if (v != null) {
                refs.add(v);
            }
        }
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

    /** Stripe amounts are in the currency's minor unit; two decimals covers the currencies rewards are paid in. */
    private static BigDecimal money(long minor) {
        return BigDecimal.valueOf(minor, 2);
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(java.util.Locale.ROOT);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank() ? null : v.asText();
    }
}
