package io.referloop.reward;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A referred account converting, whatever told us (a paid invoice, a completed checkout, a won deal).
 *
 * @param externalRef what converted (invoice, checkout session or deal id), for the decision log
 * @param paymentRef  the payment a refund or dispute would name (charge or payment intent), if any
 * @param crm         the CRM holding {@code crmDealId} when a deal converted, else null
 */
public record Conversion(Kind kind, String source, String externalRef, String paymentRef, String email,
                         String name, String referralCode, BigDecimal revenue, String currency, Instant at,
                         String crm, String crmDealId) {

    public enum Kind { FIRST_PAYMENT, DEAL_WON }
}
