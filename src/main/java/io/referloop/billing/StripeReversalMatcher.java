package io.referloop.billing;

import io.referloop.reward.Refund;
import io.referloop.reward.RewardService;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Leads Stripe refunds and disputes to the conversion they undo, whatever the order Stripe delivers in.
 * A reversal names a charge and a payment intent; the conversion may name an invoice that only an
 * {@code invoice_payment.paid} links to them, and that event, or the paid invoice itself, may come later (Stripe
 * does not order deliveries, and retries one that failed for up to three days). So a reversal that matches
 * nothing is kept, and applied when a payment or a conversion naming it arrives.
 */
@Component
class StripeReversalMatcher {

    private final StripePaymentLinks links;
    private final StripeRefundLedger refunds;
    private final StripeReversals reversals;
    private final RewardService rewards;
    private final UnmatchedRefunds unmatched;
    private final Clock clock;

    StripeReversalMatcher(StripePaymentLinks links, StripeRefundLedger refunds, StripeReversals reversals,
                          RewardService rewards, UnmatchedRefunds unmatched, Clock clock) {
        this.links = links;
        this.refunds = refunds;
        this.reversals = reversals;
        this.rewards = rewards;
        this.unmatched = unmatched;
        this.clock = clock;
    }

    /** A full refund or a dispute told by an event. */
    BillingOutcome onReversal(String eventId, StripeReversal reversal) {
        if (!reversals.recordUnlessApplied(reversal, now())) {
            return BillingOutcome.ignored(reversal.kind() + " already applied to its conversion");
        }
        if (apply(reversal)) {
            return BillingOutcome.DONE;
        }
        unmatched.record(StripeEvents.SOURCE, reversal.kind(), eventId, reversal.refs());
        return BillingOutcome.ignored(reversal.kind() + " matches no converted payment; kept in case its payment arrives later");
    }

    /** A refund object: full once the refunds of its payment reach what the payment took. */
    BillingOutcome onRefund(String eventId, StripeRefund refund) {
        String status = refunds.record(refund, now());
        Optional<Long> paid = links.amountOf(refund.paymentRefs(), refund.currency());
        if (!StripeRefund.givesMoneyBack(status)) {
            // a full refund kept for a conversion still to come is no longer one once this refund failed: the
            // refunds left fall short of the payment, or, its amount unknown yet, nothing is refunded any more
            long refunded = refunds.refundedOf(refund.charge(), refund.paymentIntent(), refund.currency());
            if (refunded < paid.orElse(1L)) {
                reversals.forgetKept(fullRefund(refund.charge(), refund.paymentIntent()));
            }
            return BillingOutcome.ignored("refund " + status + ": no money given back");
        }
        if (paid.isEmpty()) {
            unmatched.record(StripeEvents.SOURCE, StripeReversal.REFUND, eventId, refund.paymentRefs());
            return BillingOutcome.ignored("refund of a payment Referloop has not seen; kept in case its payment arrives later");
        }
        long refunded = refunds.refundedOf(refund.charge(), refund.paymentIntent(), refund.currency());
        if (refunded < paid.get()) {
            return BillingOutcome.ignored("partial refund (" + refunded + " of " + paid.get() + "): not a cancellation");
        }
        return onReversal(eventId, fullRefund(refund.charge(), refund.paymentIntent()));
    }

    /**
     * Payments or a conversion naming these references arrived: refunds that waited for their payment's amount,
     * and reversals that matched nothing so far, are tried again. Neither is counted as unmatched again.
     */
    void onPaymentsKnown(Collection<String> refs) {
        Set<String> related = links.withLinked(refs);
        for (StripeRefundLedger.RefundedPayment payment : refunds.paymentsRefunded(related)) {
            StripeReversal full = fullRefund(payment.charge(), payment.paymentIntent());
            Optional<Long> paid = links.amountOf(full.refs(), payment.currency());
            if (paid.isPresent() && refunds.refundedOf(payment.charge(), payment.paymentIntent(), payment.currency()) >= paid.get()) {
                reversals.recordUnlessApplied(full, now());
            }
        }
        for (StripeReversal kept : reversals.keptNaming(related)) {
            apply(kept);
        }
    }

    private static StripeReversal fullRefund(String charge, String paymentIntent) {
        return new StripeReversal(StripeReversal.REFUND, charge, paymentIntent, null);
    }

    private boolean apply(StripeReversal reversal) {
        Set<String> refs = links.withLinked(reversal.refs());
        boolean matched = rewards.onRefund(new Refund(StripeEvents.SOURCE, reversal.kind(), List.copyOf(refs)));
        if (matched) {
            reversals.markApplied(reversal, now());
        }
        return matched;
    }

    private Instant now() {
        return Instant.now(clock);
    }
}
