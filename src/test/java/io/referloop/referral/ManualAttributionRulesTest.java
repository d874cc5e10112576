package io.referloop.referral;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManualAttributionRulesTest {

    private static final Predicate<String> FREE_MAIL = Set.of("gmail.com")::contains;

    @Test
    void aMissingReasonIsRefused() {
        assertThatThrownBy(() -> ManualAttributionRules.reason(null))
                .isInstanceOf(AttributionRefused.class).hasMessageContaining("reason is required")
                .extracting(e -> ((AttributionRefused) e).why()).isEqualTo(AttributionRefused.Why.INVALID);
    }

    @Test
    void aBlankReasonIsRefused() {
        assertThatThrownBy(() -> ManualAttributionRules.reason(" \t\n")).hasMessageContaining("reason is required");
    }

    @Test
    void aReasonIsKeptWithoutSurroundingSpace() {
        assertThat(ManualAttributionRules.reason("  met at the fair ")).isEqualTo("met at the fair");
    }

    @Test
    void aReasonLongerThanTheLimitIsRefused() {
        assertThatThrownBy(() -> ManualAttributionRules.reason("x".repeat(ManualAttributionRules.MAX_REASON + 1)))
                .hasMessageContaining("longer than");
    }

    @Test
    void theActorIsTheBodysByWhenGiven() {
        assertThat(ManualAttributionRules.actor(" jane@ops ", "admin")).isEqualTo("jane@ops");
    }

    @Test
    void withoutByTheActorIsThePrincipal() {
        assertThat(ManualAttributionRules.actor("  ", "admin")).isEqualTo("admin");
        assertThat(ManualAttributionRules.actor(null, null)).isEqualTo("admin");
    }

    @Test
    void theAdvocatesOwnEmailIsASelfReferral() {
        assertThat(ManualAttributionRules.isSelfReferral(referral("ada@northwind.io", null), advocate("Ada@Northwind.io", null), FREE_MAIL))
                .isTrue();
    }

    @Test
    void aColleagueAtTheSameCompanyDomainIsASelfReferral() {
        assertThat(ManualAttributionRules.isSelfReferral(referral("bob@northwind.io", null), advocate("ada@northwind.io", null), FREE_MAIL))
                .isTrue();
    }

    @Test
    void twoPeopleOnTheSameFreeMailDomainAreNot() {
        assertThat(ManualAttributionRules.isSelfReferral(referral("bob@gmail.com", null), advocate("ada@gmail.com", null), FREE_MAIL))
                .isFalse();
    }

    @Test
    void theAdvocatesOwnCrmRecordIsASelfReferral() {
        assertThat(ManualAttributionRules.isSelfReferral(referral("other@else.io", "42"), advocate("ada@northwind.io", "42"), FREE_MAIL))
                .isTrue();
    }

    @Test
    void anIssuedRewardBlocksAMoveBecauseTheMoneyWent() {
        assertThat(ManualAttributionRules.blockedByReward(7, List.of(new ManualAttributionRules.LiveReward(3, "ISSUED", "50.00", "USD"))))
                .hasValueSatisfying(why -> assertThat(why).contains("reward 3 (50.00 USD) is issued")
                        .contains("the money already went to the current advocate"));
    }

    @Test
    void aHeldRewardBlocksAMoveBecauseItWouldStillPayTheOldAdvocate() {
        assertThat(ManualAttributionRules.blockedByReward(7, List.of(new ManualAttributionRules.LiveReward(3, "HELD", "50.00", "USD"))))
                .hasValueSatisfying(why -> assertThat(why).contains("would still be paid"));
    }

    @Test
    void noLiveRewardBlocksNothing() {
        assertThat(ManualAttributionRules.blockedByReward(7, List.of())).isEmpty();
    }

    private static Referral referral(String email, String contactId) {
        return new Referral(1, 1, email, Emails.domainOf(email), contactId == null ? null : "hubspot", contactId,
                Referral.Attribution.code, Referral.Status.attributed, Instant.EPOCH, Instant.EPOCH, null);
    }

    private static Advocate advocate(String email, String contactId) {
        return new Advocate(2, "ABCDEFGH", email.toLowerCase(), "Ada", contactId == null ? null : "hubspot", contactId,
                Advocate.ACTIVE, "admin", Instant.EPOCH);
    }
}
