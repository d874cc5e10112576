package io.referloop.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.ingest.Inbox;
import io.referloop.ingest.InboxEvent;
import io.referloop.reward.Conversion;
import io.referloop.reward.Refund;
import io.referloop.reward.RewardService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Processes claimed billing events (routes {@code stripe-inbox}, {@code chargebee-inbox}): each becomes
 * a conversion, a refund, or nothing, in one transaction with its inbox row.
 */
@Component("billingInbox")
public class BillingInbox {

    private static final Logger log = LoggerFactory.getLogger(BillingInbox.class);

    private final Inbox inbox;
    private final RewardService rewards;
    private final StripeEventHandler stripe;
    private final UnmatchedRefunds unmatched;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final ChargebeeEventCheck chargebee;

    BillingInbox(Inbox inbox, RewardService rewards, StripeEventHandler stripe, UnmatchedRefunds unmatched,
                 TransactionTemplate transaction, ObjectMapper json, ChargebeeEventCheck chargebee) {
        this.inbox = inbox;
        this.rewards = rewards;
        this.stripe = stripe;
        this.unmatched = unmatched;
        this.transaction = transaction;
        this.json = json;
        this.chargebee = chargebee;
    }

    public void process(List<InboxEvent> claimed) {
        List<InboxEvent> events = chargebee.confirmed(claimed);
        // One transaction for the batch (a commit waits for the disk); if any event fails, the batch is
        // rolled back and each event is processed in a transaction of its own, as it would be alone.
        try {
            transaction.executeWithoutResult(tx -> events.forEach(this::processOne));
        } catch (RuntimeException batchFailed) {
            for (InboxEvent event : events) {
                try {
                    transaction.executeWithoutResult(tx -> processOne(event));
                } catch (RuntimeException e) {
                    log.warn("{} event {} could not be processed, will retry: {}", event.source(), event.externalId(), e.toString());
                    inbox.retryLater(List.of(event), e.toString(), Duration.ofSeconds(30));
                }
            }
        }
    }

    private void processOne(InboxEvent event) {
        JsonNode payload = read(event);
        BillingOutcome outcome = event.source().equals(StripeEvents.SOURCE)
                ? stripe.handle(event.externalId(), payload) : chargebee(event.externalId(), payload);
        if (outcome.used()) {
            inbox.markDone(List.of(event.id()));
        } else {
            inbox.markIgnored(List.of(event.id()), outcome.reason());
        }
    }

    private BillingOutcome chargebee(String eventId, JsonNode event) {
        Optional<Conversion> conversion = ChargebeeEvents.conversion(event);
        if (conversion.isPresent()) {
            rewards.onConversion(conversion.get());
            return BillingOutcome.DONE;
        }
        Optional<Refund> refund = ChargebeeEvents.refund(event);
        if (refund.isPresent()) {
            if (rewards.onRefund(refund.get())) {
                return BillingOutcome.DONE;
            }
            unmatched.record(ChargebeeEvents.SOURCE, refund.get().kind(), eventId, refund.get().paymentRefs());
            return BillingOutcome.ignored("refund matches no converted payment");
        }
        return BillingOutcome.ignored("event type not used by Referloop");
    }

    private JsonNode read(InboxEvent event) {
        try {
            return json.readTree(event.payload());
        } catch (IOException e) {
            throw new IllegalStateException("stored " + event.source() + " event is not JSON", e);
        }
    }
}
