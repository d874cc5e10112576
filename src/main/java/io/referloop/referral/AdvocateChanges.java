package io.referloop.referral;

import io.referloop.mapping.LiveMapping;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.TreeSet;

/**
 * Publishes {@link AdvocateChanged}: what a CRM shows of an advocate, with their referrals counted under a lock on
 * the advocate's row.
 * <p>
 * A change of counts waits for the end of the deciding transaction (just before it commits, so the CRM write it
 * queues commits with the decision): a batch that attributes a hundred friends of one advocate counts the
 * advocate's referrals once and queues one write of the counters, instead of a hundred of each. Each count reads
 * all of the advocate's referrals, so counting per friend made a busy advocate's batch cost the square of their
 * referrals. Several advocates are locked in the order of their ids, so two instances never wait on each other in
 * a circle. Enrolments and CRM links are published at once, so the advocate's first event comes before those of
 * their referrals.
 */
@Component
class AdvocateChanges {

    private final Advocates advocates;
    private final Referrals referrals;
    private final ReferralLinks links;
    private final LiveMapping<ProgrammeRules> rules;
    private final ApplicationEventPublisher events;

    AdvocateChanges(Advocates advocates, Referrals referrals, ReferralLinks links, LiveMapping<ProgrammeRules> rules,
                    ApplicationEventPublisher events) {
        this.advocates = advocates;
        this.referrals = referrals;
        this.links = links;
        this.rules = rules;
        this.events = events;
    }

    /** The advocate was enrolled or linked to a CRM contact: published now. */
    void enrolledOrLinked(Advocate advocate) {
        publish(advocate);
    }

    /** The advocate's referrals changed: published once per transaction, before it commits (now without one). */
    void referralsChanged(Advocate advocate) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            publish(advocate);
            return;
        }
        pending().advocateIds.add(advocate.id());
    }

    /** This transaction's; found among its synchronizations, which Spring sets aside while an inner one runs. */
    private Pending pending() {
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof Pending pending && pending.owner() == this) {
                return pending;
            }
        }
        Pending pending = new Pending();
        TransactionSynchronizationManager.registerSynchronization(pending);
        return pending;
    }

    private void publish(Advocate advocate) {
        events.publishEvent(new AdvocateChanged(advocate, links.linkFor(advocate.code()),
                referrals.countAttributedLocked(advocate.id(), rules.current().perCompany())));
    }

    private final class Pending implements TransactionSynchronization {

        private final TreeSet<Long> advocateIds = new TreeSet<>();

        private AdvocateChanges owner() {
            return AdvocateChanges.this;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            for (Long id = advocateIds.pollFirst(); id != null; id = advocateIds.pollFirst()) {
                // read again: the advocate may have been linked to a CRM contact since the referral was decided
                advocates.byId(id).ifPresent(AdvocateChanges.this::publish);
            }
        }
    }
}
