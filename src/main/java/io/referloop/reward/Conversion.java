package io.referloop.reward;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A referred account converting, whatever told us (a paid invoice, a completed checkout, a won deal).
 *
 * @param externalRef   what converted (invoice, checkout session or deal id), for the decision log
 * @param paymentRef    the payment a refund or dispute would name (charge or payment intent), if any
 * @param email         the payer's or the deal contact's email, if known
 * @param name          the payer's or the deal contact's name, if known
 * @param crm           the CRM holding {@code crmDealId} when a deal converted, else null
 * @param customerRef   the billing system's customer id (Stripe {@code cus_…}, Chargebee customer), if any
 * @param companyDomain the converting company's domain (a won deal's associated company or account), if any
 */
public record Conversion(Kind kind, String source, String externalRef, String paymentRef, String email,
                         String name, String referralCode, BigDecimal revenue, String currency, Instant at,
                         String crm, String crmDealId, String customerRef, String companyDomain) {

    public enum Kind { FIRST_PAYMENT, DEAL_WON }

    /** A conversion that names no billing customer and no company. */
    public Conversion(Kind kind, String source, String externalRef, String paymentRef, String email, String name,
                      String referralCode, BigDecimal revenue, String currency, Instant at, String crm,
                      String crmDealId) {
        this(kind, source, externalRef, paymentRef, email, name, referralCode, revenue, currency, at, crm, crmDealId,
                null, null);
    }
}
