package io.referloop.billing;

import com.fasterxml.jackson.databind.JsonNode;
import io.referloop.reward.Conversion;
import io.referloop.reward.Refund;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the Chargebee events Referloop uses: a paid first invoice converts, a refunded payment refunds. */
final class ChargebeeEvents {

    static final String SOURCE = "chargebee";

    private ChargebeeEvents() {
    }

    /** {@code payment_succeeded} or {@code invoice_generated} with a paid invoice of more than zero. */
    static Optional<Conversion> conversion(JsonNode event) {
        String type = event.path("event_type").asText();
        if (!type.equals("payment_succeeded") && !type.equals("invoice_generated")) {
            return Optional.empty();
        }
        JsonNode content = event.path("content");
        JsonNode invoice = content.path("invoice");
        long paid = invoice.path("amount_paid").asLong(0);
        if (paid <= 0 || !"paid".equals(invoice.path("status").asText("paid"))) {
            return Optional.empty();
        }
        JsonNode customer = content.path("customer");
        String name = (customer.path("first_name").asText("") + " " + customer.path("last_name").asText("")).trim();
        String transaction = text(content.path("transaction"), "id");
        return Optional.of(new Conversion(Conversion.Kind.FIRST_PAYMENT, SOURCE, text(invoice, "id"),
                transaction, text(customer, "email"), name.isEmpty() ? null : name,
                text(customer.path("meta_data"), "referral_code"), BigDecimal.valueOf(paid, 2),
                text(invoice, "currency_code"), Instant.ofEpochSecond(event.path("occurred_at").asLong(Instant.now().getEpochSecond())),
                null, null, text(customer, "id"), null));
    }

    /** {@code payment_refunded}: the refund names the payment and the invoice it refunds. */
    static Optional<Refund> refund(JsonNode event) {
        if (!event.path("event_type").asText().equals("payment_refunded")) {
            return Optional.empty();
        }
        JsonNode content = event.path("content");
        List<String> refs = new ArrayList<>();
        add(refs, text(content.path("transaction"), "reference_transaction_id"), text(content.path("invoice"), "id"));
        content.path("transaction").path("linked_invoices").forEach(l -> add(refs, text(l, "invoice_id")));
        return refs.isEmpty() ? Optional.empty() : Optional.of(new Refund(SOURCE, "refund", refs));
    }

    private static void add(List<String> refs, String... values) {
        for (String v : values) {
            if (v != null && !refs.contains(v)) {
                refs.add(v);
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank() ? null : v.asText();
    }
}
