package io.referloop.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A Stripe event from {@code src/test/resources/stripe/} (Stripe's published fixtures, see the README there),
 * with the ids of one test's payment, so tests sharing a database do not meet.
 */
public final class StripeFixture {

    public static final String NEW = "2026-03-25.dahlia/";
    public static final String OLD = "2024-12-18.acacia/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode event;

    private StripeFixture(ObjectNode event) {
        this.event = event;
    }

    /** The fixture's payment, renamed: {@code payment} gives invoice, charge, payment intent, refund and email. */
    public static StripeFixture of(String path, Payment payment) {
        String text = read(path)
                .replace("in_1Pgc6tB7WZ01zgkWu9fdqL6I", payment.invoice())
                .replace("ch_1PgafuB7WZ01zgkWXYmPNZs8", payment.charge())
                .replace("pi_3PgafuB7WZ01zgkW1xTzQmLd", payment.paymentIntent())
                .replace("re_1Pgc72B7WZ01zgkWqPvrRrPE", payment.refund())
                .replace("friend@example.com", payment.email());
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(text);
            event.put("id", "evt_" + random());
            return new StripeFixture(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets a field of {@code data.object}. */
    public StripeFixture with(String field, Object value) {
        ObjectNode object = (ObjectNode) event.path("data").path("object");
        object.set(field, JSON.valueToTree(value));
        return this;
    }

    public StripeFixture type(String type) {
        event.put("type", type);
        return this;
    }

    public JsonNode json() {
        return event;
    }

    public String id() {
        return event.path("id").asText();
    }

    public String body() {
        return event.toString();
    }

    /** One customer's payment: an invoice paid by a payment intent and its charge, and a refund of it. */
    public record Payment(String invoice, String charge, String paymentIntent, String refund, String email) {

        public static Payment fresh() {
            String id = random();
            return new Payment("in_" + id, "ch_" + id, "pi_" + id, "re_" + id, "friend@customer-" + id.toLowerCase() + ".io");
        }

        public Payment withRefund(String refund) {
            return new Payment(invoice, charge, paymentIntent, refund, email);
        }
    }

    private static String random() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    private static String read(String path) {
        try (InputStream in = StripeFixture.class.getResourceAsStream("/stripe/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture stripe/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
