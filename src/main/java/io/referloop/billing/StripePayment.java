package io.referloop.billing;

/**
 * A payment Stripe took and what it paid: the link a refund or a dispute, which names only the charge and
 * the payment intent, needs to find the invoice that converted.
 *
 * @param paymentRef the payment intent ({@code pi_…}) or charge ({@code ch_…})
 * @param paidRef    the invoice it paid ({@code in_…}), or the checkout session of a payment without invoice
 * @param amount     what it paid, in the currency's minor unit as Stripe sends it; null when Stripe does not say
 * @param currency   upper case, e.g. {@code USD}
 */
record StripePayment(String paymentRef, String paidRef, Long amount, String currency) {
}
