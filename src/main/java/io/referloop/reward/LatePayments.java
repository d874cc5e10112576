package io.referloop.reward;

import io.referloop.mapping.LiveMapping;
import io.referloop.referral.CompanyDomains;
import io.referloop.referral.ProgrammeRules;
import io.referloop.referral.Referral;
import io.referloop.referral.ReferralDecided;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A first payment can reach Referloop before its payer's attribution (a CRM webhook delayed past the
 * payment, a contact created by a sales rep the next day). Such a payment waits for
 * {@code attribution.late-payment-days}; when the payer (or, per company, a colleague) is attributed in
 * that time, it converts, in the attributing transaction.
 */
@Component
class LatePayments {

    private final WaitingPayments waiting;
    private final RewardService rewards;
    private final CompanyDomains companies;
    private final LiveMapping<ProgrammeRules> rules;
    private final Clock clock;

    LatePayments(WaitingPayments waiting, RewardService rewards, CompanyDomains companies, LiveMapping<ProgrammeRules> rules,
                 Clock clock) {
        this.waiting = waiting;
        this.rewards = rewards;
        this.companies = companies;
        this.rules = rules;
        this.clock = clock;
    }

    @EventListener
    void on(ReferralDecided event) {
        Referral referral = event.referral();
        if (referral.status() != Referral.Status.attributed) {
            return;
        }
        String domain = rules.current().perCompany() && companies.isCompany(referral.referredDomain()) ? referral.referredDomain() : null;
        Instant since = Instant.now(clock).minus(Duration.ofDays(rules.current().attribution().latePaymentDays()));
        for (WaitingPayments.Waiting payment : waiting.waitingFor(referral.referredEmail(), domain, since)) {
            if (waiting.take(payment.id())) {
                rewards.onConversion(payment.conversion());
            }
        }
    }
}
