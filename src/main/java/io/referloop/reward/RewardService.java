package io.referloop.reward;

import io.referloop.mapping.LiveMapping;
import io.referloop.referral.Advocate;
import io.referloop.referral.Advocates;
import io.referloop.referral.CompanyDomains;
import io.referloop.referral.DecisionLog;
import io.referloop.referral.DisposableDomains;
import io.referloop.referral.Emails;
import io.referloop.referral.Referral;
import io.referloop.referral.ReferralService;
import io.referloop.referral.Referrals;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Conversions become rewards behind the programme's guardrails: first conversion only (of the person,
 * or of the company when rewards are per company), minimum revenue, the payer not being the advocate,
 * monthly cap per advocate, disposable addresses, monthly budget, review threshold, hold period; refunds
 * and disputes cancel what has not been issued yet. Decisions that count or spend money run under one
 * database row lock ({@link GuardrailLock}). Every outcome goes to the decision log and, through
 * {@link RewardChanged}, to the CRM.
 */
@Service
public class RewardService {

    private final ReferralService referralService;
    private final Referrals referrals;
    private final Advocates advocates;
    private final Conversions conversions;
    private final Rewards rewards;
    private final DecisionLog decisions;
    private final LiveMapping<RewardRules> rules;
    private final GuardrailLock guardrails;
    private final WaitingPayments waitingPayments;
    private final CompanyDomains companies;
    private final DisposableDomains disposable;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RewardService(ReferralService referralService, Referrals referrals, Advocates advocates,
                  Conversions conversions, Rewards rewards, DecisionLog decisions, LiveMapping<RewardRules> rules,
                  GuardrailLock guardrails, WaitingPayments waitingPayments, CompanyDomains companies,
                  DisposableDomains disposable, ApplicationEventPublisher events, Clock clock) {
        this.referralService = referralService;
        this.referrals = referrals;
        this.advocates = advocates;
        this.conversions = conversions;
        this.rewards = rewards;
        this.decisions = decisions;
        this.rules = rules;
        this.guardrails = guardrails;
        this.waitingPayments = waitingPayments;
        this.companies = companies;
        this.disposable = disposable;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public void onConversion(Conversion conversion) {
        // one version of the rules for the whole decision, even if program.yaml changes meanwhile
        RewardRules rules = this.rules.current();
        Map<String, Object> inputs = inputs(conversion);
        String subject = conversion.source() + ":" + conversion.externalRef();
        Optional<Referral> found = referralService.referralOfCustomer(conversion.source(), conversion.email(),
                        conversion.name(), conversion.referralCode())
                .or(() -> conversion.companyDomain() == null ? Optional.empty()
                        : referralService.referralOfCompany(conversion.companyDomain()));
        if (found.isEmpty()) {
            keepForLateAttribution(conversion);
            return;
        }
        Referral referral = referralService.accountOf(found.get());
        if (referral.id() != found.get().id()) {
            inputs.put("contactReferralId", found.get().id());
            inputs.put("companyReferralId", referral.id());
        }
        if (referral.status() == Referral.Status.rejected || referral.status() == Referral.Status.registered) {
            decisions.record(referral.id(), referral.advocateId(), subject, "conversion", "not-rewardable", inputs);
            return;
        }
        if (!rules.earns(conversion.revenue())) {
            inputs.put("minRevenue", rules.minRevenue() == null ? "above 0" : rules.minRevenue());
            decisions.record(referral.id(), referral.advocateId(), subject, "min-revenue", "not-rewardable", inputs);
            return;
        }
        guardrails.lock();
        if (conversions.exists(referral.id(), conversion.kind())) {
            decisions.record(referral.id(), referral.advocateId(), subject, "first-conversion-only", "ignored", inputs);
            return;
        }
        conversions.record(referral.id(), conversion);
        referrals.markConverted(referral.id());
        decisions.record(referral.id(), referral.advocateId(), subject, "conversion-" + conversion.kind(), "converted", inputs);
        if (rules.require() == RewardRules.Requirement.DEAL_WON_AND_FIRST_PAYMENT
                && !(conversions.exists(referral.id(), Conversion.Kind.DEAL_WON)
                && conversions.exists(referral.id(), Conversion.Kind.FIRST_PAYMENT))) {
            decisions.record(referral.id(), referral.advocateId(), subject, "deal-won-and-first-payment", "waiting", inputs);
            publishForReferral(referrals.byId(referral.id()).orElseThrow(), null, conversion);
            return;
        }
        Optional<Reward> existing = rewards.forReferral(referral.id()).stream()
                .filter(r -> r.beneficiary() == Reward.Beneficiary.advocate).findFirst();
        if (existing.isPresent()) {
            // paid already (e.g. the first invoice came before the won deal): the deal still shows the referral
            publish(existing.get(), conversion);
            return;
        }
        if (companyRewardedThroughAnotherReferral(referral)) {
            inputs.put("domain", referral.referredDomain());
            decisions.record(referral.id(), referral.advocateId(), subject, "one-reward-per-company", "ignored", inputs);
            return;
        }
        Advocate advocate = advocates.byId(referral.advocateId()).orElseThrow();
        Reward reward = createAdvocateReward(rules, referral, advocate, conversion, subject);
        if (rules.friend() != null && referral.referredEmail() != null) {
            createFriendReward(rules, referral, advocate, reward.status(), subject);
        }
        publish(reward, conversion);
    }

    /** A first payment nobody is attributed for yet waits for a late attribution (see {@link LatePayments}). */
    private void keepForLateAttribution(Conversion conversion) {
        if (conversion.kind() != Conversion.Kind.FIRST_PAYMENT) {
            return;
        }
        guardrails.lock();
        waitingPayments.keepIfFirst(conversion, now());
    }

    /** Per company, a second referral of one company (two advocates, or colleagues at once) never pays twice. */
    private boolean companyRewardedThroughAnotherReferral(Referral referral) {
        return referralService.perCompany() && companies.isCompany(referral.referredDomain())
                && rewards.companyRewarded(referral.referredDomain(), referral.id());
    }

    /** Cancels or flags the rewards of the payments a refund or dispute names; false when it names none we know. */
    @Transactional
    public boolean onRefund(Refund refund) {
        // a payment still waiting for its payer's attribution is known too: refunded, it must never convert
        boolean waited = waitingPayments.refunded(refund.paymentRefs()) > 0;
        List<Long> paid = conversions.referralsPaidBy(refund.paymentRefs());
        for (Long referralId : paid) {
            for (Reward reward : rewards.forReferral(referralId)) {
                Map<String, Object> inputs = new LinkedHashMap<>();
                inputs.put("source", refund.source());
                inputs.put("kind", refund.kind());
                inputs.put("paymentRefs", refund.paymentRefs());
                inputs.put("rewardStatus", reward.status().name());
                String subject = refund.source() + ":" + String.join(",", refund.paymentRefs());
                if (reward.status() == Reward.Status.PENDING || reward.status() == Reward.Status.HELD) {
                    rewards.transition(reward.id(), reward.status(), Reward.Status.CANCELED, refund.kind(), now());
                    decisions.record(referralId, reward.advocateId(), subject, refund.kind(), "canceled", inputs);
                    publish(rewards.byId(reward.id()).orElseThrow(), null);
                } else if (reward.status() != Reward.Status.CANCELED && reward.status() != Reward.Status.REJECTED) {
                    decisions.record(referralId, reward.advocateId(), subject, refund.kind(), "flagged-after-issue", inputs);
                }
            }
        }
        return waited || !paid.isEmpty();
    }

    /**
     * Approves a held reward for a named person with their reason: it is issued through the same exactly-once path
     * as any other. Only {@link ApprovalService} calls it, so the two-approver rule holds for every caller.
     */
    @Transactional
    Reward approve(long rewardId, String by, String reason) {
        return move(rewardId, Reward.Status.HELD, Reward.Status.ISSUING, limit("approved by " + by + ": " + reason),
                "review", "approved");
    }

    /** Rejects a held reward for a named person with their reason. */
    @Transactional
    public Reward reject(long rewardId, String by, String reason) {
        return move(rewardId, Reward.Status.HELD, Reward.Status.REJECTED, limit("rejected by " + by + ": " + reason),
                "review", "rejected");
    }

    /** Sends a FAILED reward to the provider again, for a named person. */
    @Transactional
    public Reward retry(long rewardId, String by) {
        return move(rewardId, Reward.Status.FAILED, Reward.Status.ISSUING, limit("retried by " + by), "retry", "retried");
    }

    private static String limit(String reason) {
        return reason.length() <= 500 ? reason : reason.substring(0, 500);
    }

    /** Sends a FAILED reward to the provider again, with its original idempotency key. */
    @Transactional
    public Reward retry(long rewardId) {
        return move(rewardId, Reward.Status.FAILED, Reward.Status.ISSUING, "retried by admin", "retry", "retried");
    }

    /** Hold periods that ran out: the reward is issued. */
    @Transactional
    public void releaseDue() {
        for (Long id : rewards.dueForRelease(now())) {
            rewards.transition(id, Reward.Status.PENDING, Reward.Status.ISSUING, "hold period over", now());
        }
    }

    @Transactional
    public void recordIssued(long rewardId, String provider, GiftCardReceipt receipt) {
        // the advocate's total published with this reward must count every reward issued before it: instances
        // issuing two rewards of one advocate at once would each count without the other, and the CRM keep the lower
        guardrails.lock();
        rewards.markIssued(rewardId, provider, receipt.providerOrderId(), now());
        Reward reward = rewards.byId(rewardId).orElseThrow();
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("provider", provider);
        inputs.put("providerOrderId", receipt.providerOrderId());
        inputs.put("providerStatus", receipt.status());
        inputs.put("idempotencyKey", reward.idempotencyKey());
        inputs.put("existingOrder", receipt.existing());
        decisions.record(reward.referralId(), reward.advocateId(), "reward:" + rewardId, "issue", "issued", inputs);
        publish(reward, null);
    }

    @Transactional
    public void recordFailure(long rewardId, String provider, String error, Instant nextAttempt, boolean giveUp) {
        rewards.attemptFailed(rewardId, provider, error, nextAttempt, giveUp);
        if (giveUp) {
            Reward reward = rewards.byId(rewardId).orElseThrow();
            decisions.record(reward.referralId(), reward.advocateId(), "reward:" + rewardId, "issue", "failed",
                    Map.of("provider", provider, "error", error == null ? "" : error));
            publish(reward, null);
        }
    }

    private Reward move(long rewardId, Reward.Status from, Reward.Status to, String reason, String rule, String outcome) {
        Reward reward = rewards.byId(rewardId).orElseThrow(() -> new IllegalArgumentException("no reward " + rewardId));
        if (!rewards.transition(rewardId, from, to, reason, now())) {
            throw new IllegalStateException("reward " + rewardId + " is " + reward.status() + ", not " + from);
        }
        decisions.record(reward.referralId(), reward.advocateId(), "reward:" + rewardId, rule, outcome,
                Map.of("reason", reason));
        Reward moved = rewards.byId(rewardId).orElseThrow();
        publish(moved, null);
        return moved;
    }

    private Reward createAdvocateReward(RewardRules rules, Referral referral, Advocate advocate, Conversion conversion,
                                        String subject) {
        Instant now = now();
        int converted = referrals.countConverted(advocate.id(), referralService.perCompany());
        BigDecimal amount = rules.advocateAmount(converted);
        Instant monthStart = YearMonth.now(clock.withZone(ZoneOffset.UTC)).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        RewardGuardrails.Facts facts = new RewardGuardrails.Facts(amount, advocate.active(),
                payerIsAdvocate(conversion, advocate), disposableAddress(referral, conversion, advocate),
                payerNamedAsAdvocate(conversion, advocate),
                rewards.countForAdvocateSince(advocate.id(), monthStart), rewards.committedSince(monthStart));
        RewardGuardrails.Outcome outcome = RewardGuardrails.decide(rules, facts);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("amount", amount);
        inputs.put("currency", rules.advocate().currency());
        inputs.put("convertedReferrals", converted);
        inputs.put("rewardsThisMonth", facts.rewardsThisMonth());
        inputs.put("committedThisMonth", facts.committedThisMonth());
        if (outcome.reason() != null) {
            inputs.put("reason", outcome.reason());
        }
        Instant release = outcome.status() == Reward.Status.PENDING ? now.plus(Duration.ofDays(rules.holdDays())) : null;
        Reward reward = rewards.create(referral.id(), advocate.id(), Reward.Beneficiary.advocate, advocate.email(),
                advocate.name(), amount, rules.advocate().currency(), outcome.status(), outcome.reason(), release, now);
        inputs.put("rewardId", reward.id());
        decisions.record(referral.id(), advocate.id(), subject, outcome.rule(), outcome.status().name().toLowerCase(), inputs);
        return reward;
    }

    /** The payer's mailbox is the advocate's, or the payer's company domain is the advocate's own company. */
    private String payerIsAdvocate(Conversion conversion, Advocate advocate) {
        if (Emails.samePerson(conversion.email(), advocate.email())) {
            return "the payer's mailbox is the advocate's";
        }
        String payerDomain = Emails.domainOf(conversion.email());
        if (companies.isCompany(payerDomain) && payerDomain.equals(advocate.emailDomain())) {
            return "the payer's company domain is the advocate's";
        }
        return null;
    }

    /** A name alone is no proof (people share names), so a match holds the reward for review rather than rejecting it. */
    private static boolean payerNamedAsAdvocate(Conversion conversion, Advocate advocate) {
        String payer = Emails.comparableName(conversion.name());
        return payer != null && payer.contains(" ") && payer.equals(Emails.comparableName(advocate.name()));
    }

    private String disposableAddress(Referral referral, Conversion conversion, Advocate advocate) {
        for (String email : new String[] {referral.referredEmail(), conversion.email(), advocate.email()}) {
            if (email != null && disposable.containsAddress(email)) {
                return email;
            }
        }
        return null;
    }

    private void createFriendReward(RewardRules rules, Referral referral, Advocate advocate, Reward.Status advocateStatus,
                                    String subject) {
        Reward.Status status = advocateStatus == Reward.Status.REJECTED ? Reward.Status.REJECTED : advocateStatus;
        Instant now = now();
        Instant release = status == Reward.Status.PENDING ? now.plus(Duration.ofDays(rules.holdDays())) : null;
        Reward friend = rewards.create(referral.id(), advocate.id(), Reward.Beneficiary.friend, referral.referredEmail(),
                null, rules.friend().amount(), rules.friend().currency(), status, "friend reward", release, now);
        decisions.record(referral.id(), advocate.id(), subject, "friend-reward", status.name().toLowerCase(),
                Map.of("rewardId", friend.id(), "amount", rules.friend().amount()));
    }

    private void publish(Reward reward, Conversion conversion) {
        if (reward.beneficiary() != Reward.Beneficiary.advocate) {
            return;
        }
        publishForReferral(referrals.byId(reward.referralId()).orElseThrow(), reward, conversion);
    }

    private void publishForReferral(Referral referral, Reward reward, Conversion conversion) {
        Advocate advocate = advocates.byId(referral.advocateId()).orElseThrow();
        String crm = referral.crm();
        String deal = conversion != null && conversion.crmDealId() != null ? conversion.crmDealId()
                : conversions.dealOf(referral.id(), crm == null ? "" : crm).orElse(null);
        events.publishEvent(new RewardChanged(reward, referral, advocate,
                referrals.countConverted(advocate.id(), referralService.perCompany()),
                rewards.issuedTotalForAdvocate(advocate.id()), crm, deal));
    }

    private Instant now() {
        return Instant.now(clock);
    }

    private static Map<String, Object> inputs(Conversion c) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("kind", c.kind().name());
        inputs.put("source", c.source());
        inputs.put("externalRef", c.externalRef());
        inputs.put("paymentRef", c.paymentRef());
        inputs.put("email", c.email());
        inputs.put("referralCode", c.referralCode());
        inputs.put("revenue", c.revenue());
        inputs.put("currency", c.currency());
        return inputs;
    }

    public List<Reward> list(Reward.Status status) {
        return status == null ? rewards.all() : rewards.withStatus(status);
    }
}
