package io.referloop.notify;

import io.referloop.support.FixedClock;
import io.referloop.support.ReferralRows;
import io.referloop.support.RepositorySlice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@RepositorySlice
class MailPreferencesRepositoryTest {

    @Autowired
    MailPreferences preferences;

    long ada;
    long grace;

    @BeforeEach
    void twoAdvocates(@Autowired ReferralRows rows) {
        ada = rows.ada();
        grace = rows.advocate("grace@example.com", "Grace");
    }

    @Test
    void anAdvocateKeepsTheUnsubscribeTokenFirstDrawn() {
        String first = preferences.tokenFor(ada);

        assertThat(preferences.tokenFor(ada)).isEqualTo(first);
    }

    @Test
    void anUnsubscribeTokenIs256UrlSafeRandomBits() {
        assertThat(preferences.tokenFor(ada)).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void twoAdvocatesHaveDifferentTokens() {
        assertThat(preferences.tokenFor(ada)).isNotEqualTo(preferences.tokenFor(grace));
    }

    @Test
    void anAdvocateNeverMailedHasNotOptedOutAndWasNeverReminded() {
        assertThat(preferences.optedOut(ada)).isFalse();
        assertThat(preferences.remindersSent(ada)).isZero();
        assertThat(preferences.lastReminder(ada)).isEmpty();
    }

    @Test
    void aTokenOptsOutOnlyTheAdvocateItBelongsTo() {
        String token = preferences.tokenFor(ada);
        preferences.tokenFor(grace);

        assertThat(preferences.optOut(token)).contains(ada);
        assertThat(preferences.optedOut(ada)).isTrue();
        assertThat(preferences.optedOut(grace)).isFalse();
    }

    @Test
    void anUnknownTokenOptsNobodyOut() {
        preferences.tokenFor(ada);

        assertThat(preferences.optOut("not-a-token")).isEmpty();
        assertThat(preferences.optedOut(ada)).isFalse();
    }

    @Test
    void optingOutTwiceStillNamesTheAdvocate() {
        String token = preferences.tokenFor(ada);
        preferences.optOut(token);

        assertThat(preferences.optOut(token)).contains(ada);
        assertThat(preferences.optedOut(ada)).isTrue();
    }

    @Test
    void eachReminderIsCountedWithTheTimeItWasSent() {
        preferences.reminded(ada);
        preferences.reminded(ada);

        assertThat(preferences.remindersSent(ada)).isEqualTo(2);
        assertThat(preferences.lastReminder(ada)).contains(FixedClock.NOW);
        assertThat(preferences.remindersSent(grace)).isZero();
    }
}
