package io.referloop.referral;

import io.referloop.mapping.LiveMapping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** When an advocate's CRM fields and counts are published: per transaction for counts, at once for enrolments. */
class AdvocateChangesTest {

    private static final Advocate ADA = advocate(7, "hubspot", "101");
    private static final Advocate BOB = advocate(3, "hubspot", "102");

    private final Advocates advocates = mock(Advocates.class);
    private final Referrals referrals = mock(Referrals.class);
    private final List<AdvocateChanged> published = new ArrayList<>();
    private final AdvocateChanges changes = new AdvocateChanges(advocates, referrals,
            new ReferralLinks("https://refer.example.com"), LiveMapping.of(new ProgrammeRules(null, null, null, null)),
            event -> published.add((AdvocateChanged) event));

    {
        when(advocates.byId(ADA.id())).thenReturn(Optional.of(ADA));
        when(advocates.byId(BOB.id())).thenReturn(Optional.of(BOB));
        when(referrals.countAttributedLocked(anyLong(), anyBoolean())).thenReturn(4);
    }

    @AfterEach
    void endTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void withoutATransactionACountChangeIsPublishedAtOnce() {
        changes.referralsChanged(ADA);

        assertThat(published).containsExactly(new AdvocateChanged(ADA, "https://refer.example.com/r/ADA7", 4));
    }

    @Test
    void inATransactionAnAdvocatesCountIsTakenOnceJustBeforeCommit() {
        TransactionSynchronizationManager.initSynchronization();
        changes.referralsChanged(ADA);
        changes.referralsChanged(ADA);
        changes.referralsChanged(ADA);
        assertThat(published).as("nothing before the commit").isEmpty();

        commit();

        assertThat(published).extracting(AdvocateChanged::advocate).containsExactly(ADA);
        verify(referrals, times(1)).countAttributedLocked(ADA.id(), true);
    }

    @Test
    void severalAdvocatesAreCountedAndLockedInTheOrderOfTheirIds() {
        TransactionSynchronizationManager.initSynchronization();
        changes.referralsChanged(ADA);
        changes.referralsChanged(BOB);

        commit();

        assertThat(published).extracting(AdvocateChanged::advocate).containsExactly(BOB, ADA);
    }

    @Test
    void theAdvocateIsReadAgainAtCommitSoALinkMadeMeanwhileIsWritten() {
        Advocate unlinked = advocate(7, null, null);
        TransactionSynchronizationManager.initSynchronization();
        changes.referralsChanged(unlinked);

        commit();

        assertThat(published).extracting(AdvocateChanged::advocate).containsExactly(ADA);
    }

    @Test
    void anEnrolmentIsPublishedAtOnceInsideATransaction() {
        TransactionSynchronizationManager.initSynchronization();

        changes.enrolledOrLinked(ADA);

        assertThat(published).extracting(AdvocateChanged::advocate).containsExactly(ADA);
    }

    private static void commit() {
        TransactionSynchronizationManager.getSynchronizations().forEach(s -> s.beforeCommit(false));
        TransactionSynchronizationManager.getSynchronizations()
                .forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
    }

    private static Advocate advocate(long id, String crm, String contactId) {
        return new Advocate(id, "ADA" + id, "advocate" + id + "@example.com", "Advocate " + id, crm, contactId,
                Advocate.ACTIVE, "trigger", Instant.parse("2026-11-01T00:00:00Z"));
    }
}
