package io.referloop.referral;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdvocateStatusRulesTest {

    private static Advocate advocate(String status) {
        return new Advocate(7, "ABC123", "ada@contoso.io", "Ada", null, null, status, "admin", Instant.EPOCH);
    }

    @Test
    void anActiveAdvocateCanBeDisabled() {
        assertThat(AdvocateStatusRules.next(advocate(Advocate.ACTIVE), false)).isEqualTo(Advocate.DISABLED);
    }

    @Test
    void aDisabledAdvocateCanBeEnabledAgain() {
        assertThat(AdvocateStatusRules.next(advocate(Advocate.DISABLED), true)).isEqualTo(Advocate.ACTIVE);
    }

    @Test
    void disablingADisabledAdvocateIsRefused() {
        assertThatThrownBy(() -> AdvocateStatusRules.next(advocate(Advocate.DISABLED), false))
                .isInstanceOf(AdvocateStatusRefused.class).hasMessage("advocate ABC123 is disabled already");
    }

    @Test
    void enablingAnActiveAdvocateIsRefused() {
        assertThatThrownBy(() -> AdvocateStatusRules.next(advocate(Advocate.ACTIVE), true))
                .hasMessage("advocate ABC123 is active already");
    }

    @Test
    void anErasedAdvocateIsNeverEnabledNorDisabled() {
        assertThatThrownBy(() -> AdvocateStatusRules.next(advocate("erased"), true))
                .hasMessage("advocate ABC123 is erased; only an active or disabled advocate can be enabled");
        assertThatThrownBy(() -> AdvocateStatusRules.next(advocate("erased"), false))
                .hasMessageContaining("only an active or disabled advocate can be disabled");
    }

    @Test
    void aDisabledAdvocateIsNotActive() {
        assertThat(advocate(Advocate.DISABLED).active()).isFalse();
        assertThat(advocate(Advocate.ACTIVE).active()).isTrue();
    }

    @Test
    void aMissingReasonIsRefused() {
        assertThatThrownBy(() -> AdvocateStatusRules.reason(null, false))
                .isInstanceOf(AdvocateStatusRefused.class).hasMessageContaining("a reason is required");
    }

    @Test
    void aBlankReasonIsRefused() {
        assertThatThrownBy(() -> AdvocateStatusRules.reason("  \n", true)).hasMessageContaining("enabled again");
    }

    @Test
    void aReasonIsKeptWithoutSurroundingSpace() {
        assertThat(AdvocateStatusRules.reason("  left the company ", false)).isEqualTo("left the company");
    }

    @Test
    void aReasonLongerThanTheLimitIsRefused() {
        assertThatThrownBy(() -> AdvocateStatusRules.reason("x".repeat(AdvocateStatusRules.MAX_REASON + 1), false))
                .hasMessageContaining("longer than");
    }

    @Test
    void whoActedIsRequired() {
        assertThatThrownBy(() -> AdvocateStatusRules.actor(" ")).hasMessageContaining("who changes the advocate");
        assertThat(AdvocateStatusRules.actor(" ada@ops.example ")).isEqualTo("ada@ops.example");
    }
}
