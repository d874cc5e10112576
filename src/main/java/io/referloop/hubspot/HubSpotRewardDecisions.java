package io.referloop.hubspot;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.referloop.console.Approvers;
import io.referloop.ingest.Inbox;
import io.referloop.ingest.InboxEvent;
import io.referloop.mapping.LiveMapping;
import io.referloop.outbox.CrmWriteOutbox;
import io.referloop.referral.Referral;
import io.referloop.referral.Referrals;
import io.referloop.reward.ApprovalService;
import io.referloop.reward.Conversions;
import io.referloop.reward.Reward;
import io.referloop.reward.Rewards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decisions on held rewards taken in HubSpot: an approver sets {@code referral_reward_decision} on the referred
 * contact or the won deal, and the change arrives as a webhook through the inbox. The HubSpot user is looked up by
 * id (Users API), then by email among the console users, and the decision goes through {@link ApprovalService}
 * under the console's rules. Whatever the outcome, the record gets it in {@code referral_reward_decision_result}
 * and the decision property is cleared so it can be set again (the second approver, or a retry after a refusal).
 * A refused decision changes nothing about the reward.
 */
@Component
class HubSpotRewardDecisions {

    private static final Logger log = LoggerFactory.getLogger(HubSpotRewardDecisions.class);
    private static final String DECISION = "referral-reward-decision";
    private static final String RESULT = "referral-reward-decision-result";

    private final HubSpotClient client;
    private final LiveMapping<HubSpotMapping> mapping;
    private final Inbox inbox;
    private final Approvers approvers;
    private final ApprovalService approvals;
    private final Referrals referrals;
    private final Conversions conversions;
    private final Rewards rewards;
    private final CrmWriteOutbox outbox;
    private final TransactionTemplate transaction;
    private final HubSpotRetryDelays delays;

    HubSpotRewardDecisions(HubSpotClient client, LiveMapping<HubSpotMapping> mapping, Inbox inbox, Approvers approvers,
                           ApprovalService approvals, Referrals referrals, Conversions conversions, Rewards rewards,
                           CrmWriteOutbox outbox, TransactionTemplate transaction, HubSpotProperties properties) {
        this.delays = properties.retry();
        this.client = client;
        this.mapping = mapping;
        this.inbox = inbox;
        this.approvers = approvers;
        this.approvals = approvals;
        this.referrals = referrals;
        this.conversions = conversions;
        this.rewards = rewards;
        this.outbox = outbox;
        this.transaction = transaction;
    }

    /** The decision an inbox event carries; empty when it is no change of a decision property. */
    Optional<HubSpotDecisionEvent> read(HubSpotWebhookEvent event) {
        String contactProperty = mapping.current().contact().write().get(DECISION);
        String dealProperty = mapping.current().deal().write().get(DECISION);
        if (contactProperty == null && dealProperty == null) {
            return Optional.empty();
        }
        return HubSpotDecisionEvent.of(event, contactProperty, dealProperty);
    }

    /** Never throws: what cannot be decided now goes back to the inbox, and the batch's other events go on. */
    void process(InboxEvent event, HubSpotDecisionEvent decision) {
        try {
            switch (decision.kind()) {
                case IGNORED -> inbox.markIgnored(List.of(event.id()), "decision cleared, or set by an integration");
                case REFUSED -> answer(event, decision, refusal(decision.refusal()));
                case ASKED -> decide(event, decision);
            }
        } catch (RuntimeException e) {
            log.warn("Reward decision event {} could not be processed, will retry: {}", event.id(), e.toString());
            inbox.retryLater(List.of(event), e.toString(), delays.errorDelay());
        }
    }

    private void decide(InboxEvent event, HubSpotDecisionEvent decision) {
        if (!client.enabled()) {
            inbox.retryLater(List.of(event), "HubSpot access token not configured", Duration.ofMinutes(1));
            return;
        }
        Optional<String> email;
        try {
            email = client.userEmail(decision.userId());
        } catch (HubSpotApiException e) {
            if (e.status() == 403) {
                answer(event, decision, refusal("Referloop may not read HubSpot users: the private app needs the "
                        + "settings.users.read scope"));
            } else if (e.isTransient()) {
                inbox.postpone(List.of(event), e.getMessage(), delays.unavailableDelay());
            } else {
                inbox.retryLater(List.of(event), e.getMessage(), HubSpotRetryDelays.AFTER_REFUSAL);
            }
            return;
        } catch (CallNotPermittedException e) {
            inbox.postpone(List.of(event), "HubSpot circuit breaker open", delays.unavailableDelay());
            return;
        }
        HubSpotApprover who = HubSpotApprover.of(decision.userId(), email, approvers::byEmail);
        if (who.refusal() != null) {
            log.info("Reward decision by HubSpot user {} on {} {} refused: not an approver", decision.userId(),
                    decision.objectType(), decision.objectId());
            answer(event, decision, refusal(who.refusal()));
            return;
        }
        try {
            // one transaction: every held reward of the record is decided, answered and the event done, or none is
            transaction.executeWithoutResult(tx -> {
                List<Reward> held = heldRewards(decision);
                if (held.isEmpty()) {
                    throw new IllegalStateException("no reward of this record is held for review");
                }
                List<String> outcomes = new ArrayList<>();
                for (Reward reward : held) {
                    String outcome = apply(decision.decision(), reward, who);
                    outcomes.add(held.size() == 1 ? outcome : "Reward " + reward.id() + ": " + outcome);
                }
                queueAnswer(decision, String.join(" ", outcomes));
                inbox.markDone(List.of(event.id()));
            });
        } catch (IllegalStateException | IllegalArgumentException refused) {
            answer(event, decision, refusal(refused.getMessage()));
        }
    }

    private String apply(HubSpotDecisionEvent.Decision decision, Reward reward, HubSpotApprover who) {
        String reason = "decided in HubSpot by " + who.email();
        if (decision == HubSpotDecisionEvent.Decision.REJECT) {
            approvals.reject(reward.id(), who.approver().name(), reason);
            return "Rejected by " + who.email() + ".";
        }
        ApprovalService.Outcome outcome = approvals.approve(reward.id(), who.approver().name(),
                who.approver().mailbox(), reason);
        return outcome.issued()
                ? "Approved by " + who.email() + ": the gift card is being ordered."
                : "Approval " + outcome.approvals() + " of " + outcome.needed() + " by " + who.email()
                + " recorded: a second, different approver must approve.";
    }

    private List<Reward> heldRewards(HubSpotDecisionEvent decision) {
        List<Long> referralIds = "deals".equals(decision.objectType())
                ? conversions.referralsOfDeal(HubSpotWritebackListener.CRM, decision.objectId())
                : referrals.decidedFor(HubSpotWritebackListener.CRM, decision.objectId(), null).map(Referral::id)
                .stream().toList();
        return referralIds.stream().distinct().flatMap(id -> rewards.forReferral(id).stream())
                .filter(r -> r.status() == Reward.Status.HELD).toList();
    }

    private void answer(InboxEvent event, HubSpotDecisionEvent decision, String result) {
        transaction.executeWithoutResult(tx -> {
            queueAnswer(decision, result);
            inbox.markDone(List.of(event.id()));
        });
    }

    /** The result, and the decision cleared: through the CRM-write outbox like every other write. */
    private void queueAnswer(HubSpotDecisionEvent decision, String result) {
        HubSpotMapping.ObjectMapping properties = "deals".equals(decision.objectType())
                ? new HubSpotMapping.ObjectMapping(mapping.current().deal().read(), mapping.current().deal().write()) : mapping.current().contact();
        Map<String, String> values = new LinkedHashMap<>();
        values.put(properties.writeName(DECISION), "");
        String resultProperty = properties.write().get(RESULT);
        if (resultProperty != null) {
            values.put(resultProperty, result.length() <= 500 ? result : result.substring(0, 500));
        }
        outbox.add(HubSpotWritebackListener.CRM, decision.objectType(), decision.objectId(), values);
    }

    private static String refusal(String why) {
        return "Refused: " + why + ". Nothing was changed.";
    }
}
