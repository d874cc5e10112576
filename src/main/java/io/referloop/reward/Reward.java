package io.referloop.reward;

import java.math.BigDecimal;
import java.time.Instant;

public record Reward(long id, long referralId, long advocateId, Beneficiary beneficiary, String recipientEmail,
                     String recipientName, BigDecimal amount, String currency, Status status, String reason,
                     String idempotencyKey, String provider, String providerOrderId, int attempts,
                     Instant releaseAt, Instant createdAt, Instant issuedAt, String lastError) {

    public enum Beneficiary { advocate, friend }

    public enum Status {
        /** waiting out the hold period; a refund or dispute cancels it */
        PENDING,
        /** waiting for an admin: above the review threshold, or over the monthly budget */
        HELD,
        /** approved: being ordered from the gift-card provider (with retries, same key) */
        ISSUING,
        /** the provider has the order */
        ISSUED,
        /** the provider kept failing or refused; an admin may retry (same key) */
        FAILED,
        REJECTED,
        CANCELED;

        /** Whether the CRM should show why: the reward waits, or will never be paid. */
        public boolean explained() {
            return this == PENDING || this == HELD || this == REJECTED || this == CANCELED;
        }

        /** The value the CRM shows in {@code referral_status} / {@code referral_reward_status}. */
        public String crmStatus() {
            return switch (this) {
                case PENDING, HELD -> "held";
                case ISSUING, FAILED -> "converted";
                case ISSUED -> "rewarded";
                case REJECTED -> "rejected";
                case CANCELED -> "canceled";
            };
        }
    }
}
