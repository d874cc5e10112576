package io.referloop.referral;

import io.referloop.referral.Referral.Attribution;
import io.referloop.referral.Referral.Status;
import io.referloop.support.FixedClock;
import io.referloop.support.ReferralRows;
import io.referloop.support.RepositorySlice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@RepositorySlice
class ReferralsRepositoryTest {

    private static final Instant NOW = FixedClock.NOW;
    private static final Instant WINDOW_START = NOW.minus(Duration.ofDays(30));

    @Autowired
    Referrals referrals;

    long advocate;

    @BeforeEach
    void anAdvocate(@Autowired ReferralRows rows) {
        advocate = rows.ada();
    }

    private Referral attributed(String email, String domain, String crm, String contactId, Long companyReferralId) {
        Attribution how = companyReferralId == null ? Attribution.code : Attribution.domain;
        return referrals.create(advocate, email, domain, crm, contactId, how, Status.attributed, companyReferralId, NOW);
    }

    @Test
    void aRegisteredReferralWaitsWithoutContactOrAttribution() {
        Referral registered = referrals.register(advocate, "grace@acme.com", "acme.com", NOW);

        assertThat(registered.status()).isEqualTo(Status.registered);
        assertThat(registered.attribution()).isNull();
        assertThat(registered.crmContactId()).isNull();
        assertThat(registered.attributedAt()).isNull();
        assertThat(registered.registeredAt()).isEqualTo(NOW);
    }

    @Test
    void aDecisionTurnsTheRegisteredReferralIntoTheContactsReferral() {
        Referral registered = referrals.register(advocate, null, "acme.com", NOW.minus(Duration.ofDays(3)));

        Referral decided = referrals.decide(registered, "grace@acme.com", "hubspot", "501", Attribution.domain,
                Status.attributed, null, NOW);

        assertThat(decided.id()).isEqualTo(registered.id());
        assertThat(decided.referredEmail()).isEqualTo("grace@acme.com");
        assertThat(decided.crm()).isEqualTo("hubspot");
        assertThat(decided.crmContactId()).isEqualTo("501");
        assertThat(decided.attribution()).isEqualTo(Attribution.domain);
        assertThat(decided.status()).isEqualTo(Status.attributed);
        assertThat(decided.attributedAt()).isEqualTo(NOW);
        assertThat(decided.registeredAt()).isEqualTo(NOW.minus(Duration.ofDays(3)));
    }

    @Test
    void aDecisionKeepsTheDomainThatWasRegistered() {
        Referral registered = referrals.register(advocate, null, "acme.com", NOW);

        Referral decided = referrals.decide(registered, "grace@acme-mail.com", "hubspot", "501", Attribution.domain,
                Status.attributed, null, NOW);

        assertThat(decided.referredDomain()).isEqualTo("acme.com");
    }

    @Test
    void aDecisionTakesTheDomainFromTheEmailWhenNoneWasRegistered() {
        Referral registered = referrals.register(advocate, "grace@acme.com", null, NOW);

        Referral decided = referrals.decide(registered, "grace@acme.com", "hubspot", "501", Attribution.email,
                Status.attributed, null, NOW);

        assertThat(decided.referredDomain()).isEqualTo("acme.com");
    }

    @Test
    void aReferralCreatedByAttributionIsAttributedWhenCreated() {
        Referral referral = referrals.create(advocate, "grace@acme.com", "acme.com", "salesforce", "003A",
                Attribution.link, Status.attributed, null, NOW);

        assertThat(referrals.byId(referral.id())).contains(referral);
        assertThat(referral.attribution()).isEqualTo(Attribution.link);
        assertThat(referral.registeredAt()).isEqualTo(NOW);
        assertThat(referral.attributedAt()).isEqualTo(NOW);
    }

    @Test
    void aRegistrationIsNotADecisionForItsContact() {
        referrals.register(advocate, "grace@acme.com", "acme.com", NOW);

        assertThat(referrals.decidedFor(null, null, "grace@acme.com")).isEmpty();
    }

    @Test
    void theDecisionForAContactIsFoundByCrmIdOrByEmail() {
        Referral grace = attributed("grace@acme.com", "acme.com", "hubspot", "501", null);

        assertThat(referrals.decidedFor("hubspot", "501", null)).contains(grace);
        assertThat(referrals.decidedFor(null, null, "grace@acme.com")).contains(grace);
    }

    @Test
    void theSameContactIdInAnotherCrmIsAnotherContact() {
        attributed("grace@acme.com", "acme.com", "hubspot", "501", null);

        assertThat(referrals.decidedFor("salesforce", "501", null)).isEmpty();
    }

    @Test
    void theEarlierOfTheDecisionsByCrmIdAndByEmailIsTheOne() {
        Referral byEmail = attributed("grace@acme.com", "acme.com", "salesforce", "003A", null);
        attributed("grace.hopper@acme.com", "acme.com", "hubspot", "501", null);

        assertThat(referrals.decidedFor("hubspot", "501", "grace@acme.com")).contains(byEmail);
    }

    @Test
    void aRegistrationForAnEmailIsFoundInsideTheWindow() {
        Referral registered = referrals.register(advocate, "grace@acme.com", null, NOW.minus(Duration.ofDays(29)));

        assertThat(referrals.registeredForEmail("grace@acme.com", WINDOW_START)).contains(registered);
    }

    @Test
    void aRegistrationOlderThanTheWindowIsNotFound() {
        referrals.register(advocate, "grace@acme.com", null, NOW.minus(Duration.ofDays(31)));

        assertThat(referrals.registeredForEmail("grace@acme.com", WINDOW_START)).isEmpty();
    }

    @Test
    void aDecidedReferralIsNoLongerARegistrationForTheEmail() {
        Referral registered = referrals.register(advocate, "grace@acme.com", null, NOW);
        referrals.decide(registered, "grace@acme.com", "hubspot", "501", Attribution.email, Status.attributed, null, NOW);

        assertThat(referrals.registeredForEmail("grace@acme.com", WINDOW_START)).isEmpty();
    }

    @Test
    void aCompanyReceivedAReferralWhenItsDomainWasRegistered() {
        Referral domain = referrals.register(advocate, null, "acme.com", NOW);

        assertThat(referrals.receivedByCompany("acme.com", WINDOW_START)).contains(domain);
    }

    @Test
    void aPersonRegisteredByEmailIsNotYetAReferralTheirCompanyReceived() {
        referrals.register(advocate, "grace@acme.com", "acme.com", NOW);

        assertThat(referrals.receivedByCompany("acme.com", WINDOW_START)).isEmpty();
    }

    @Test
    void aRejectedReferralIsNotOneTheCompanyReceived() {
        referrals.create(advocate, "grace@acme.com", "acme.com", "hubspot", "501", Attribution.code, Status.rejected,
                null, NOW);

        assertThat(referrals.receivedByCompany("acme.com", WINDOW_START)).isEmpty();
    }

    @Test
    void aColleagueAttributedThroughTheDomainDoesNotRenewTheCompanysWindow() {
        Referral company = referrals.create(advocate, "grace@acme.com", "acme.com", "hubspot", "501", Attribution.code,
                Status.attributed, null, NOW.minus(Duration.ofDays(90)));
        attributed("alan@acme.com", "acme.com", "hubspot", "502", company.id());

        assertThat(referrals.receivedByCompany("acme.com", WINDOW_START)).isEmpty();
    }

    @Test
    void theCompanysDecidedReferralIsTheOneItsColleaguesJoined() {
        Referral company = attributed("grace@acme.com", "acme.com", "hubspot", "501", null);
        attributed("alan@acme.com", "acme.com", "hubspot", "502", company.id());

        assertThat(referrals.decidedForCompany("acme.com")).contains(company);
    }

    @Test
    void aRejectedReferralIsNotTheCompanysDecidedReferral() {
        referrals.create(advocate, "grace@acme.com", "acme.com", "hubspot", "501", Attribution.code, Status.rejected,
                null, NOW);
        Referral later = attributed("alan@acme.com", "acme.com", "hubspot", "502", null);

        assertThat(referrals.decidedForCompany("acme.com")).contains(later);
    }

    @Test
    void aDomainRegistrationIsOpenUntilAColleagueSignsUpThroughIt() {
        Referral domain = referrals.register(advocate, null, "acme.com", NOW);
        assertThat(referrals.openForCompany("acme.com", WINDOW_START)).contains(domain);

        referrals.decide(domain, "grace@acme.com", "hubspot", "501", Attribution.domain, Status.attributed, null, NOW);

        assertThat(referrals.openForCompany("acme.com", WINDOW_START)).isEmpty();
    }

    @Test
    void anAttributedReferralIsMarkedConverted() {
        Referral grace = attributed("grace@acme.com", "acme.com", "hubspot", "501", null);

        referrals.markConverted(grace.id());

        assertThat(referrals.byId(grace.id()).orElseThrow().status()).isEqualTo(Status.converted);
    }

    @Test
    void aRejectedReferralIsNotMarkedConverted() {
        Referral rejected = referrals.create(advocate, "grace@acme.com", "acme.com", "hubspot", "501", Attribution.code,
                Status.rejected, null, NOW);

        referrals.markConverted(rejected.id());

        assertThat(referrals.byId(rejected.id()).orElseThrow().status()).isEqualTo(Status.rejected);
    }

    @Test
    void colleaguesWhoJoinedACompanysReferralCountOnlyWhenCompaniesDoNotCountOnce() {
        Referral company = attributed("grace@acme.com", "acme.com", "hubspot", "501", null);
        Referral colleague = attributed("alan@acme.com", "acme.com", "hubspot", "502", company.id());
        referrals.markConverted(company.id());
        referrals.markConverted(colleague.id());

        assertThat(referrals.countConverted(advocate, false)).isEqualTo(2);
        assertThat(referrals.countConverted(advocate, true)).isEqualTo(1);
    }

    @Test
    void registrationsAndRejectionsAreNotCountedAsAttributed() {
        referrals.register(advocate, "kay@initech.com", "initech.com", NOW);
        referrals.create(advocate, "bob@globex.com", "globex.com", "hubspot", "9", Attribution.code, Status.rejected,
                null, NOW);
        attributed("grace@acme.com", "acme.com", "hubspot", "501", null);
        Referral converted = attributed("linus@hooli.com", "hooli.com", "hubspot", "502", null);
        referrals.markConverted(converted.id());

        assertThat(referrals.countAttributed(advocate, false)).isEqualTo(2);
    }
}
