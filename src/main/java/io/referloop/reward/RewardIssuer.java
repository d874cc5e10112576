package io.referloop.reward;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Orders approved rewards from the configured gift-card provider (route {@code reward-issuer}). Each
 * reward is claimed before its call, so two instances never order it at once, and every attempt
 * carries the reward's own idempotency key: an attempt whose outcome is unknown (timeout, reset)
 * is simply made again, and the provider answers with the order it already has.
 */
@Component("rewardIssuer")
public class RewardIssuer {

    private static final Logger log = LoggerFactory.getLogger(RewardIssuer.class);
    private static final int ORDERS_PER_RUN = 20;

    private final Rewards rewards;
    private final RewardService service;
    private final List<GiftCardProvider> providers;
    private final RewardsProperties properties;
    private final Clock clock;

    RewardIssuer(Rewards rewards, RewardService service, List<GiftCardProvider> providers,
                 RewardsProperties properties, Clock clock) {
        this.rewards = rewards;
        this.service = service;
        this.providers = providers;
        this.properties = properties;
        this.clock = clock;
    }

    /** Releases rewards whose hold ran out, then orders what is due; returns the number issued. */
    public int issueDue() {
        service.releaseDue();
        Optional<GiftCardProvider> provider = provider();
        if (provider.isEmpty()) {
            return 0;
        }
        int issued = 0;
        // one claim per order, taken just before it: a lease never runs while earlier orders of this run are placed
        for (int i = 0; i < ORDERS_PER_RUN; i++) {
            Optional<Long> claimed = rewards.claimNext(Instant.now(clock), Instant.now(clock).plus(properties.claimTimeout()));
            if (claimed.isEmpty()) {
                break;
            }
            issued += issue(claimed.get(), provider.get()) ? 1 : 0;
        }
        return issued;
    }

    private boolean issue(long id, GiftCardProvider provider) {
        Reward reward = rewards.byId(id).orElseThrow();
        GiftCardOrder order = new GiftCardOrder(reward.idempotencyKey(), reward.amount(), reward.currency(),
                reward.recipientEmail(), reward.recipientName(), "Thank you for your referral!");
        try {
            GiftCardReceipt receipt = provider.order(order);
            service.recordIssued(id, provider.name(), receipt);
            return true;
        } catch (GiftCardException e) {
            boolean giveUp = !e.retryable() || reward.attempts() + 1 >= properties.maxAttempts();
            Instant next = Instant.now(clock).plus(backoff(reward.attempts()));
            log.warn("Reward {} not issued ({}), {}: {}", id, provider.name(),
                    giveUp ? "parked as FAILED for an admin" : "will retry with the same key", e.getMessage());
            service.recordFailure(id, provider.name(), e.getMessage(), next, giveUp);
            return false;
        }
    }

    private Optional<GiftCardProvider> provider() {
        Optional<GiftCardProvider> chosen = providers.stream()
                .filter(p -> p.name().equalsIgnoreCase(properties.provider())).findFirst();
        if (chosen.isEmpty() || !chosen.get().configured()) {
            return Optional.empty();
        }
        return chosen;
    }

    private static Duration backoff(int attempts) {
        return Duration.ofSeconds(Math.min(3600, 5L << Math.min(10, attempts)));
    }
}
