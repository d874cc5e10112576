package io.referloop.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.ingest.Inbox;
import io.referloop.ingest.InboxEvent;
import io.referloop.referral.ReferralService;
import io.referloop.reward.RewardService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;

/** Processes claimed Stripe events (route {@code stripe-inbox}), each in one transaction with its inbox row. */
@Component("stripeInbox")
public class StripeInbox {

    private static final Logger log = LoggerFactory.getLogger(StripeInbox.class);

    private final Inbox inbox;
    private final RewardService rewards;
    private final ReferralService referrals;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;

    StripeInbox(Inbox inbox, RewardService rewards, ReferralService referrals, TransactionTemplate transaction,
                ObjectMapper json) {
        this.inbox = inbox;
        this.rewards = rewards;
        this.referrals = referrals;
        this.transaction = transaction;
        this.json = json;
    }

    public void process(List<InboxEvent> events) {
        for (InboxEvent event : events) {
            try {
                transaction.executeWithoutResult(tx -> {
                    if (handle(read(event))) {
                        inbox.markDone(List.of(event.id()));
                    } else {
                        inbox.markIgnored(List.of(event.id()), "event type not used by Referloop");
                    }
                });
            } catch (RuntimeException e) {
                log.warn("Stripe event {} could not be processed, will retry: {}", event.externalId(), e.toString());
                inbox.retryLater(List.of(event), e.toString(), Duration.ofSeconds(30));
            }
        }
    }

    private boolean handle(JsonNode event) {
        var conversion = StripeEvents.conversion(event);
        if (conversion.isPresent()) {
            rewards.onConversion(conversion.get());
            return true;
        }
        var refund = StripeEvents.refund(event);
        if (refund.isPresent()) {
            rewards.onRefund(refund.get());
            return true;
        }
        var trial = StripeEvents.unpaidCheckoutWithCode(event);
        if (trial.isPresent()) {
            referrals.referralOfCustomer(StripeEvents.SOURCE, trial.get()[0], null, trial.get()[1]);
            return true;
        }
        return false;
    }

    private JsonNode read(InboxEvent event) {
        try {
            return json.readTree(event.payload());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored Stripe event is not JSON", e);
        }
    }
}
