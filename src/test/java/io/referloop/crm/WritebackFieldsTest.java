package io.referloop.crm;

import io.referloop.crm.WritebackFields.Kind;
import io.referloop.crm.WritebackFields.Write;
import io.referloop.notify.AdvocateOptedOut;
import io.referloop.notify.ReminderDue;
import io.referloop.referral.Advocate;
import io.referloop.referral.AdvocateChanged;
import io.referloop.referral.Referral;
import io.referloop.referral.ReferralDecided;
import io.referloop.reward.Reward;
import io.referloop.reward.RewardChanged;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What each decision writes back on which CRM record, by canonical field name, for every CRM alike. */
class WritebackFieldsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Advocate ADVOCATE = new Advocate(3, "ADA123", "ada@advocate.io", null, "hubspot", "101",
            Advocate.ACTIVE, "trigger", NOW);
    private static final Referral REFERRAL = new Referral(7, 3, "grace@friend.io", "friend.io", "hubspot", "202",
            Referral.Attribution.code, Referral.Status.attributed, NOW, NOW, null);

    @Test
    void anAttributionWritesWhoReferredThePersonAndHow() {
        assertThat(WritebackFields.of("hubspot", new ReferralDecided(REFERRAL, ADVOCATE))).containsExactly(
                new Write(Kind.PERSON, "202", Map.of("referred-by-email", "ada@advocate.io", "referred-by-name", "",
                        "referral-attribution", "code", "referral-status", "attributed", "referral-reason", "")));
    }

    @Test
    void anAdvocatesChangeWritesCodeLinkAndCountOnTheAdvocate() {
        assertThat(WritebackFields.of("hubspot", new AdvocateChanged(ADVOCATE, "https://x.io/r/ADA123", 4)))
                .containsExactly(new Write(Kind.PERSON, "101", Map.of("referral-code", "ADA123",
                        "referral-link", "https://x.io/r/ADA123", "referrals-made", "4")));
    }

    @Test
    void aHeldRewardOnAWonDealWritesThePersonTheAdvocatesTotalsAndTheDealWithTheReason() {
        RewardChanged held = new RewardChanged(reward(Reward.Status.HELD), REFERRAL, ADVOCATE, 2, new BigDecimal("50"),
                "hubspot", "9001");
        assertThat(WritebackFields.of("hubspot", held)).containsExactly(
                new Write(Kind.PERSON, "202", Map.of("referral-status", Reward.Status.HELD.crmStatus(),
                        "referral-reason", "above the review threshold")),
                new Write(Kind.PERSON, "101", Map.of("referrals-converted", "2", "referral-rewards-total", "50")),
                new Write(Kind.DEAL, "9001", Map.of("referral-source", "referral", "referred-by-email", "ada@advocate.io",
                        "referral-reward-status", Reward.Status.HELD.crmStatus(), "referral-reward-amount", "250",
                        "referral-reward-reason", "above the review threshold")));
    }

    @Test
    void aConversionWithoutRewardIsConvertedAndNamesNoAmount() {
        List<Write> writes = WritebackFields.of("hubspot",
                new RewardChanged(null, REFERRAL, ADVOCATE, 1, BigDecimal.ZERO, "hubspot", "9001"));
        assertThat(writes.get(0).fields()).containsEntry("referral-status", "converted");
        assertThat(writes.get(2).fields()).containsEntry("referral-reward-status", "converted")
                .doesNotContainKey("referral-reward-amount");
    }

    @Test
    void recordsOfAnotherCrmOrWithoutACrmIdGetNothing() {
        assertThat(WritebackFields.of("salesforce", new ReferralDecided(REFERRAL, ADVOCATE))).isEmpty();
        assertThat(WritebackFields.of("salesforce", new RewardChanged(reward(Reward.Status.PENDING), REFERRAL, ADVOCATE,
                1, BigDecimal.ZERO, "hubspot", "9001"))).isEmpty();
        Advocate withoutContact = new Advocate(4, "BOB1", "bob@x.io", "Bob", "hubspot", null, Advocate.ACTIVE,
                "manual", NOW);
        assertThat(WritebackFields.of("hubspot", new AdvocateChanged(withoutContact, "https://x.io/r/BOB1", 0))).isEmpty();
    }

    @Test
    void anOptOutAndADueReminderAreFlagsOnTheAdvocate() {
        assertThat(WritebackFields.of("hubspot", new AdvocateOptedOut(ADVOCATE)))
                .containsExactly(new Write(Kind.PERSON, "101", Map.of("referral-email-opt-out", "true")));
        assertThat(WritebackFields.of("hubspot", new ReminderDue(ADVOCATE, 1)))
                .containsExactly(new Write(Kind.PERSON, "101", Map.of("referral-reminder-due", "true")));
    }

    @Test
    void onlyTheFieldsTheMappingNamesAreWrittenUnderTheCrmsNames() {
        Write write = new Write(Kind.PERSON, "101", Map.of("referral-code", "ADA123", "referral-reminder-due", "true"));
        assertThat(write.named(Map.of("referral-code", "Referral_Code__c"))).containsExactly(
                Map.entry("Referral_Code__c", "ADA123"));
    }

    private static Reward reward(Reward.Status status) {
        return new Reward(42, 7, 3, Reward.Beneficiary.advocate, "ada@advocate.io", "Ada Lovelace",
                new BigDecimal("250"), "USD", status, "above the review threshold", "idem-key-42", null, null, 0, null,
                NOW, null, null);
    }
}
