package io.referloop.reward;

/** The provider's order: its id, its status as the provider names it, and whether it already existed. */
public record GiftCardReceipt(String providerOrderId, String status, boolean existing) {
}
