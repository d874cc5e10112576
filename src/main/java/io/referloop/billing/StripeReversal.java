package io.referloop.billing;

import java.util.ArrayList;
import java.util.List;

/**
 * A full refund or a dispute of one Stripe payment, named by whatever Stripe gave for it: the charge, the
 * payment intent and, before API version {@code 2025-03-31.basil}, the invoice.
 *
 * @param kind {@code refund} or {@code dispute}, as the decision log shows it
 */
record StripeReversal(String kind, String charge, String paymentIntent, String invoice) {

    static final String REFUND = "refund";
    static final String DISPUTE = "dispute";

    /** One reversal per kind and payment, however many events tell of it. */
    String paymentKey() {
        return charge != null ? charge : paymentIntent != null ? paymentIntent : invoice;
    }

    List<String> refs() {
        List<String> refs = new ArrayList<>(3);
        for (String ref : new String[] {charge, paymentIntent, invoice}) {
            if (ref != null) {
                refs.add(ref);
            }
        }
        return refs;
    }
}
