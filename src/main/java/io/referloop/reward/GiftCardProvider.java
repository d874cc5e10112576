package io.referloop.reward;

/**
 * A gift-card API (Tremendous, Tango Card). {@link #order} must be idempotent on
 * {@link GiftCardOrder#idempotencyKey()}: calling it again with the same order, after a timeout or
 * a reset, returns the order the provider already has and never buys a second card.
 */
public interface GiftCardProvider {

    /** {@code tremendous} or {@code tango}: the value of {@code referloop.rewards.provider}. */
    String name();

    boolean configured();

    /**
     * Places (or finds) the order. Throws {@link GiftCardException} with {@code retryable=true} when the
     * outcome is unknown or temporary (timeout, reset, 429, 5xx): the caller retries with the same key.
     */
    GiftCardReceipt order(GiftCardOrder order);
}
