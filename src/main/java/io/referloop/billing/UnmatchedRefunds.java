package io.referloop.billing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Collection;

/**
 * Refunds and disputes that match no payment Referloop knows: a WARN naming only Stripe or Chargebee ids (no
 * person, no secret) and {@code referloop_billing_unmatched_refunds_total{source,kind}}. Most are refunds of
 * customers nobody referred; a rising count with referred customers refunding points at a missing
 * subscription (e.g. {@code invoice_payment.paid}).
 */
@Component
class UnmatchedRefunds {

    private static final Logger log = LoggerFactory.getLogger(UnmatchedRefunds.class);

    private final MeterRegistry registry;

    UnmatchedRefunds(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String source, String kind, String eventId, Collection<String> refs) {
        Runnable report = () -> {
            log.warn("{} {} in event {} matches no payment Referloop knows ({})",
                    source, kind, eventId, String.join(",", refs));
            Counter.builder("referloop.billing.unmatched.refunds")
                    .description("Refunds and disputes that matched no known payment when they arrived")
                    .tag("source", source).tag("kind", kind)
                    .register(registry).increment();
        };
        // a failed batch is rolled back and processed again event by event: report only what was committed
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    report.run();
                }
            });
        } else {
            report.run();
        }
    }
}
