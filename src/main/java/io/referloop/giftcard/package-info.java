/**
 * Gift-card providers: the Tremendous and Tango Card clients behind the {@code reward} module's port
 * ({@link io.referloop.reward.GiftCardProvider} with its order, receipt and exception).
 * <p>
 * The port stays in {@code reward} and this module implements it, so the dependency points from the provider to
 * the rules and {@code reward} names no provider: a new provider is a new sub-package here, a new
 * {@code referloop.<provider>.*} properties record and a value of {@code referloop.rewards.provider}. Only
 * {@link io.referloop.giftcard.HttpGiftCardProvider}, the shared base, is top-level; {@code tremendous} and
 * {@code tango} are internal to the module.
 */
package io.referloop.giftcard;
