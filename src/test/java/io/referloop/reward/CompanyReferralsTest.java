package io.referloop.reward;

import io.referloop.referral.Advocate;
import io.referloop.referral.ContactSnapshot;
import io.referloop.referral.DecisionLog;
import io.referloop.referral.Referral;
import io.referloop.referral.ReferralService;
import io.referloop.support.SharedContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * B2B referrals with the shipped programme (rewards per company, 90-day window, late payments wait 7
 * days), fraud checks and late payments, through the services a webhook or a poll ends in.
 */
@SharedContext
class CompanyReferralsTest {

    @Autowired
    ReferralService referrals;
    @Autowired
    RewardService rewards;
    @Autowired
    Rewards rewardRows;
    @Autowired
    DecisionLog decisions;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anAdvocateEnrolledByHandIsAnnouncedLikeAnyOther() {
        Advocate advocate = advocate("Evelyn Boyd");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM event_outbox WHERE advocate_id = ? AND event_type = 'advocate.enrolled'")
                .param(advocate.id()).query(Long.class).single()).isOne();
    }

    @Test
    void colleaguesAttributedThroughTheDomainJoinTheCompanysReferral() {
        Advocate advocate = advocate("Ada Lovelace");
        String domain = company();
        Referral registered = referrals.register(advocate.code(), null, domain);
        Referral alice = contact("alice@" + domain, null);
        Referral bob = contact("bob@" + domain, null);

        assertThat(alice.id()).isEqualTo(registered.id());
        assertThat(alice.companyReferralId()).isNull();
        assertThat(bob.attribution()).isEqualTo(Referral.Attribution.domain);
        assertThat(bob.companyReferralId()).isEqualTo(registered.id());
        assertThat(crmWrites(bob.crmContactId())).contains("\"referral_attribution\":\"domain\"")
                .contains("\"referred_by_email\":\"" + advocate.email() + "\"");
    }

    @Test
    void theCompanyEarnsOneRewardHoweverManyColleaguesAndCustomersPay() {
        Advocate advocate = advocate("Grace Hopper");
        String domain = company();
        contact("alice@" + domain, advocate.code());
        contact("bob@" + domain, null);

        rewards.onConversion(payment("alice@" + domain, "cus_a"));
        rewards.onConversion(payment("bob@" + domain, "cus_b"));
        rewards.onConversion(payment("carol@" + domain, "cus_c"));
        rewards.onConversion(wonDeal(null, domain));

        assertThat(advocateRewards(advocate)).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(Reward.Status.ISSUING));
    }

    @Test
    void aColleagueWithACodeAfterTheCompanyWasReferredJoinsIt() {
        Advocate first = advocate("Katherine Johnson");
        Advocate second = advocate("Dorothy Vaughan");
        String domain = company();
        Referral alice = contact("alice@" + domain, first.code());
        Referral bob = contact("bob@" + domain, second.code());

        assertThat(bob.companyReferralId()).isEqualTo(alice.id());
        rewards.onConversion(payment("bob@" + domain, "cus_b"));

        assertThat(advocateRewards(first)).hasSize(1);
        assertThat(advocateRewards(second)).isEmpty();
    }

    @Test
    void aColleaguesAttributionDoesNotRenewTheWindow() {
        Advocate advocate = advocate("Hedy Lamarr");
        String domain = company();
        Referral registered = referrals.register(advocate.code(), null, domain);
        backdate(registered, Duration.ofDays(85));
        contact("alice@" + domain, null);
        backdate(registered, Duration.ofDays(95));

        Referral late = contactOrNull("bob@" + domain, null);

        assertThat(late).isNull();
    }

    @Test
    void aWonDealConvertsThroughItsCompanysWebsiteWhenNoContactIsAttributed() {
        Advocate advocate = advocate("Radia Perlman");
        String domain = company();
        contact("cto@" + domain, advocate.code());

        rewards.onConversion(wonDeal(null, "https://www." + domain.toUpperCase() + "/about"));

        assertThat(advocateRewards(advocate)).hasSize(1);
    }

    @Test
    void aWonDealConvertsADomainRegisteredForTheCompanyThatNobodySignedUpThrough() {
        Advocate advocate = advocate("Frances Allen");
        String domain = company();
        referrals.register(advocate.code(), null, domain);

        rewards.onConversion(wonDeal("buyer@" + domain, domain));

        assertThat(advocateRewards(advocate)).hasSize(1);
    }

    @Test
    void aWonDealWithoutAmountEarnsNothingAndSaysWhy() {
        Advocate advocate = advocate("Barbara Liskov");
        String domain = company();
        Referral referral = contact("cfo@" + domain, advocate.code());

        rewards.onConversion(new Conversion(Conversion.Kind.DEAL_WON, "hubspot", "deal-" + UUID.randomUUID(), null,
                "cfo@" + domain, null, null, null, null, Instant.now(), "hubspot", "1", null, domain));

        assertThat(advocateRewards(advocate)).isEmpty();
        assertThat(decisions.forReferral(referral.id())).anySatisfy(d -> {
            assertThat(d.rule()).isEqualTo("min-revenue");
            assertThat(d.outcome()).isEqualTo("not-rewardable");
        });
        rewards.onConversion(payment("cfo@" + domain, "cus_cfo"));
        assertThat(advocateRewards(advocate)).hasSize(1);
    }

    @Test
    void aSelfReferralThroughAGmailAliasIsRejectedWithTheReason() {
        String mailbox = "ada.lovelace." + UUID.randomUUID().toString().substring(0, 6);
        Advocate advocate = referrals.enrolByHand(mailbox + "@gmail.com", "Ada Lovelace");
        Referral self = contact(mailbox.replace(".", "").toUpperCase() + "+friend@googlemail.com", advocate.code());

        assertThat(self.status()).isEqualTo(Referral.Status.rejected);
        assertThat(crmWrites(self.crmContactId())).contains("\"referral_reason\":\"same mailbox as the advocate\"");
        assertThat(decisions.forReferral(self.id())).anySatisfy(d -> {
            assertThat(d.rule()).isEqualTo("self-referral");
            assertThat(d.inputs()).containsEntry("reason", "same mailbox as the advocate");
        });
    }

    @Test
    void aPaymentByTheAdvocateThemselfForTheReferredCompanyIsRejected() {
        Advocate advocate = advocate("Alan Turing");
        String domain = company();
        contact("buyer@" + domain, advocate.code());
        String advocateAlias = advocate.email().replace("@", "+billing@");

        rewards.onConversion(new Conversion(Conversion.Kind.DEAL_WON, "salesforce", "006" + UUID.randomUUID(), null,
                advocateAlias, null, null, new BigDecimal("900"), "USD", Instant.now(), "salesforce", "006x", null, domain));

        assertThat(advocateRewards(advocate)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Reward.Status.REJECTED);
            assertThat(r.reason()).isEqualTo("the payer's mailbox is the advocate's");
        });
    }

    @Test
    void aPayerBearingTheAdvocatesNameIsHeldForReview() {
        Advocate advocate = advocate("Edsger Dijkstra");
        String domain = company();
        contact("ops@" + domain, advocate.code());

        rewards.onConversion(new Conversion(Conversion.Kind.FIRST_PAYMENT, "stripe", "in_" + UUID.randomUUID(), "pi_1",
                "ops@" + domain, "EDSGER  dijkstra", null, new BigDecimal("49"), "USD", Instant.now(), null, null,
                "cus_" + UUID.randomUUID(), null));

        assertThat(advocateRewards(advocate)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Reward.Status.HELD);
            assertThat(r.reason()).isEqualTo("the payer's name is the advocate's");
        });
    }

    @Test
    void aReferralFromADisposableMailboxIsHeldForReview() {
        Advocate advocate = advocate("John Backus");
        String friend = "friend-" + UUID.randomUUID().toString().substring(0, 8) + "@mailinator.com";
        Referral referral = contact(friend, advocate.code());

        rewards.onConversion(payment(friend, "cus_" + UUID.randomUUID()));

        assertThat(advocateRewards(advocate)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Reward.Status.HELD);
            assertThat(r.reason()).isEqualTo("disposable email domain (mailinator.com)");
        });
        assertThat(crmWrites(referral.crmContactId())).contains("\"referral_status\":\"held\"")
                .contains("\"referral_reason\":\"disposable email domain (mailinator.com)\"");
    }

    @Test
    void aFirstPaymentBeforeTheAttributionConvertsWhenTheAttributionArrives() {
        Advocate advocate = advocate("Sophie Wilson");
        String domain = company();
        String customer = "cus_" + UUID.randomUUID();
        Conversion first = payment("founder@" + domain, customer);
        rewards.onConversion(first);
        rewards.onConversion(payment("founder@" + domain, customer));
        assertThat(advocateRewards(advocate)).isEmpty();

        Referral referral = contact("founder@" + domain, advocate.code());

        assertThat(advocateRewards(advocate)).hasSize(1);
        assertThat(jdbc.sql("SELECT external_ref FROM conversion WHERE referral_id = ?").param(referral.id())
                .query(String.class).single()).isEqualTo(first.externalRef());
    }

    @Test
    void aFirstPaymentOlderThanTheLatePaymentDaysDoesNotConvert() {
        Advocate advocate = advocate("Lynn Conway");
        String domain = company();
        rewards.onConversion(payment("founder@" + domain, "cus_" + UUID.randomUUID()));
        jdbc.sql("UPDATE waiting_payment SET received_at = ? WHERE payer_email = ?")
                .params(java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(8))), "founder@" + domain).update();

        contact("founder@" + domain, advocate.code());

        assertThat(advocateRewards(advocate)).isEmpty();
    }

    @Test
    void aFirstPaymentRefundedWhileItWaitedNeverConverts() {
        Advocate advocate = advocate("Mary Jackson");
        String domain = company();
        Conversion payment = payment("founder@" + domain, "cus_" + UUID.randomUUID());
        rewards.onConversion(payment);

        assertThat(rewards.onRefund(new Refund("stripe", "refund", List.of(payment.paymentRef())))).isTrue();
        contact("founder@" + domain, advocate.code());

        assertThat(advocateRewards(advocate)).isEmpty();
    }

    @Test
    void aColleaguesAttributionConvertsACompanyPaymentThatWaited() {
        Advocate advocate = advocate("Annie Easley");
        String domain = company();
        rewards.onConversion(payment("billing@" + domain, "cus_" + UUID.randomUUID()));

        contact("champion@" + domain, advocate.code());

        assertThat(advocateRewards(advocate)).hasSize(1);
    }

    private Advocate advocate(String name) {
        return referrals.enrolByHand(name.split(" ")[0].toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8)
                + "@advocates-" + UUID.randomUUID().toString().substring(0, 6) + ".io", name);
    }

    private static String company() {
        return "company-" + UUID.randomUUID().toString().substring(0, 8) + ".io";
    }

    private Referral contact(String email, String code) {
        Referral referral = contactOrNull(email, code);
        assertThat(referral).as("referral of " + email).isNotNull();
        return referral;
    }

    private Referral contactOrNull(String email, String code) {
        Map<String, String> fields = new HashMap<>();
        fields.put(ContactSnapshot.EMAIL, email);
        if (code != null) {
            fields.put(ContactSnapshot.REFERRAL_CODE, code);
        }
        referrals.onContact(new ContactSnapshot("hubspot", UUID.randomUUID().toString(), fields, Instant.now()));
        return referrals.referralOfCustomer("test", email, null, null).orElse(null);
    }

    private static Conversion payment(String email, String customer) {
        return new Conversion(Conversion.Kind.FIRST_PAYMENT, "stripe", "in_" + UUID.randomUUID(), "pi_" + UUID.randomUUID(),
                email, null, null, new BigDecimal("49.00"), "USD", Instant.now(), null, null, customer, null);
    }

    private static Conversion wonDeal(String email, String domain) {
        return new Conversion(Conversion.Kind.DEAL_WON, "hubspot", "deal-" + UUID.randomUUID(), null, email, null, null,
                new BigDecimal("1200"), "USD", Instant.now(), "hubspot", "d1", null, domain);
    }

    private List<Reward> advocateRewards(Advocate advocate) {
        return rewardRows.all().stream().filter(r -> r.advocateId() == advocate.id())
                .filter(r -> r.beneficiary() == Reward.Beneficiary.advocate).toList();
    }

    private String crmWrites(String contactId) {
        return String.join("\n", jdbc.sql("SELECT properties FROM crm_write WHERE object_id = ?").param(contactId)
                .query(String.class).list());
    }

    private void backdate(Referral referral, Duration age) {
        jdbc.sql("UPDATE referral SET registered_at = ? WHERE id = ?")
                .params(java.sql.Timestamp.from(Instant.now().minus(age)), referral.id()).update();
    }
}
