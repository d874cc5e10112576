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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Processes claimed billing events (routes {@code stripe-inbox}, {@code chargebee-inbox}): each becomes
 * a conversion, a refund, or nothing, in one transaction with its inbox row. The rows of a batch are marked
 * together, one statement for those done and one per reason for those ignored.
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
            transaction.executeWithoutResult(tx -> settle(events));
        } catch (RuntimeException batchFailed) {
            for (InboxEvent event : events) {
                try {
                    transaction.executeWithoutResult(tx -> settle(List.of(event)));
                } catch (RuntimeException e) {
                    log.warn("{} event {} could not be processed, will retry: {}", event.source(), event.externalId(), e.toString());
                    inbox.retryLater(List.of(event), e.toString(), Duration.ofSeconds(30));
                }
            }
        }
    }

    /** Acts on each event, then marks their rows together: the used ones done, the others ignored, by reason. */
    private void settle(List<InboxEvent> events) {
        List<Long> done = new ArrayList<>();
        Map<String, List<Long>> ignored = new LinkedHashMap<>();
        for (InboxEvent event : events) {
            BillingOutcome outcome = outcome(event);
            if (outcome.used()) {
                done.add(event.id());
            } else {
                ignored.computeIfAbsent(outcome.reason(), why -> new ArrayList<>()).add(event.id());
            }
        }
        inbox.markDone(done);
        ignored.forEach((why, ids) -> inbox.markIgnored(ids, why));
    }

    private BillingOutcome outcome(InboxEvent event) {
        JsonNode payload = read(event);
        return event.source().equals(StripeEvents.SOURCE)
                ? stripe.handle(event.externalId(), payload) : chargebee(event.externalId(), payload);
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
