package io.referloop.billing;

import java.util.ArrayList;
import java.util.List;

/**
 * A Stripe refund object ({@code refund.created}, {@code refund.updated}, ...). It carries its own amount but
 * not the charge's, so whether it is a full refund is known only beside the payment's amount.
 *
 * @param amount   in the currency's minor unit
 * @param currency upper case
 * @param status   {@code pending}, {@code requires_action}, {@code succeeded}, {@code failed} or {@code canceled}
 */
record StripeRefund(String id, String charge, String paymentIntent, long amount, String currency, String status) {

    /**
     * Every refund the merchant started gives the money back unless it failed or was canceled: waiting for
     * {@code succeeded} (days for some payment methods) could let a hold run out and a gift card go.
     */
    static boolean givesMoneyBack(String status) {
        return !FINAL_WITHOUT_MONEY_BACK.contains(status);
    }

    /** The statuses a refund ends in without giving money back: once there, no later event changes it. */
    static final List<String> FINAL_WITHOUT_MONEY_BACK = List.of("failed", "canceled");

    List<String> paymentRefs() {
        List<String> refs = new ArrayList<>(2);
        if (charge != null) {
            refs.add(charge);
        }
        if (paymentIntent != null) {
            refs.add(paymentIntent);
        }
        return refs;
    }
}
