package io.referloop.billing;

import com.fasterxml.jackson.databind.JsonNode;
import io.referloop.referral.ReferralService;
import io.referloop.reward.Conversion;
import io.referloop.reward.RewardService;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One stored Stripe event: payments and conversions first, then refunds and disputes, then trials. */
@Component
class StripeEventHandler {

    private final RewardService rewards;
    private final ReferralService referrals;
    private final StripePaymentLinks links;
    private final StripeReversalMatcher reversals;
    private final Clock clock;

    StripeEventHandler(RewardService rewards, ReferralService referrals, StripePaymentLinks links,
                       StripeReversalMatcher reversals, Clock clock) {
        this.rewards = rewards;
        this.referrals = referrals;
        this.links = links;
        this.reversals = reversals;
        this.clock = clock;
    }

    BillingOutcome handle(String eventId, JsonNode event) {
        List<StripePayment> payments = StripeEvents.payments(event);
        Optional<Conversion> conversion = StripeEvents.conversion(event);
        if (!payments.isEmpty() || conversion.isPresent()) {
            payments.forEach(p -> links.record(p, Instant.now(clock)));
            conversion.ifPresent(rewards::onConversion);
            reversals.onPaymentsKnown(refsOf(payments, conversion));
            return BillingOutcome.DONE;
        }
        Optional<StripeReversal> reversal = StripeEvents.reversal(event);
        if (reversal.isPresent()) {
            return reversals.onReversal(eventId, reversal.get());
        }
        Optional<StripeRefund> refund = StripeEvents.refund(event);
        if (refund.isPresent()) {
            return reversals.onRefund(eventId, refund.get());
        }
        if (StripeEvents.partialChargeRefund(event)) {
            return BillingOutcome.ignored("partial refund: not a cancellation");
        }
        Optional<String[]> trial = StripeEvents.unpaidCheckoutWithCode(event);
        if (trial.isPresent()) {
            referrals.referralOfCustomer(StripeEvents.SOURCE, trial.get()[0], null, trial.get()[1]);
            return BillingOutcome.DONE;
        }
        return BillingOutcome.ignored("event type not used by Referloop");
    }

    private static Set<String> refsOf(List<StripePayment> payments, Optional<Conversion> conversion) {
        Set<String> refs = new LinkedHashSet<>();
        payments.forEach(p -> {
            refs.add(p.paymentRef());
            refs.add(p.paidRef());
        });
        conversion.ifPresent(c -> {
            refs.add(c.externalRef());
            if (c.paymentRef() != null) {
                refs.add(c.paymentRef());
            }
        });
        return refs;
    }
}
