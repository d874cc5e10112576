-- From Stripe API version 2025-03-31.basil on, an invoice no longer names the charge or payment intent that
-- paid it, nor a charge its invoice: only invoice_payment.paid events link them. A refund or a dispute names
-- the charge and the payment intent, so these links lead it to the invoice that converted. Amounts are in the
-- currency's minor unit, as Stripe sends them: a refund is full when refunds reach the payment's amount.
CREATE TABLE stripe_invoice_payment (
    payment_ref VARCHAR(255) NOT NULL,
    paid_ref    VARCHAR(255) NOT NULL,
    amount      BIGINT,
    currency    VARCHAR(3),
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_stripe_invoice_payment PRIMARY KEY (payment_ref, paid_ref)
);
CREATE INDEX ix_stripe_invoice_payment_paid ON stripe_invoice_payment (paid_ref);

-- Every refund object seen, in its latest status: partial refunds add up, a failed or canceled one counts for nothing.
CREATE TABLE stripe_refund (
    refund_id      VARCHAR(255) PRIMARY KEY,
    charge_id      VARCHAR(255),
    payment_intent VARCHAR(255),
    amount         BIGINT       NOT NULL,
    currency       VARCHAR(3),
    status         VARCHAR(32)  NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_stripe_refund_charge ON stripe_refund (charge_id);
CREATE INDEX ix_stripe_refund_payment_intent ON stripe_refund (payment_intent);

-- Full refunds and disputes, one per kind and payment however many events tell of them. One that matched no
-- converted payment yet stays without applied_at: the link or the conversion may arrive after it.
CREATE TABLE stripe_reversal (
    kind           VARCHAR(16)  NOT NULL,
    payment_key    VARCHAR(255) NOT NULL,
    charge_id      VARCHAR(255),
    payment_intent VARCHAR(255),
    invoice_id     VARCHAR(255),
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    applied_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_stripe_reversal PRIMARY KEY (kind, payment_key)
);
CREATE INDEX ix_stripe_reversal_charge ON stripe_reversal (charge_id);
CREATE INDEX ix_stripe_reversal_payment_intent ON stripe_reversal (payment_intent);
CREATE INDEX ix_stripe_reversal_invoice ON stripe_reversal (invoice_id);

-- Payments converted before this version: their amount as Stripe sent it (revenue was always read as hundredths),
-- so a refund object of one of them can still be told full or partial.
INSERT INTO stripe_invoice_payment (payment_ref, paid_ref, amount, currency, recorded_at)
SELECT payment_ref, external_ref, CAST(ROUND(MAX(revenue) * 100) AS BIGINT), MAX(currency), MAX(converted_at)
FROM conversion
WHERE source = 'stripe' AND revenue IS NOT NULL AND payment_ref IS NOT NULL AND payment_ref <> external_ref
  AND SUBSTRING(payment_ref, 1, 3) NOT IN ('in_', 'cs_')
GROUP BY payment_ref, external_ref;
