package io.referloop.reward;

import java.math.BigDecimal;

/**
 * What to buy. {@code idempotencyKey} is the reward's own stable key (Tremendous {@code external_id},
 * Tango {@code externalRefID}): at most 100 characters, letters, digits and dashes.
 */
public record GiftCardOrder(String idempotencyKey, BigDecimal amount, String currency, String recipientEmail,
                            String recipientName, String message) {
}
