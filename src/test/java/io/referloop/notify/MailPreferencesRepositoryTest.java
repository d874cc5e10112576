package io.referloop.notify;

import io.referloop.referral.Advocates;
import io.referloop.referral.ReferralCodes;
import io.referloop.support.FixedClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

@JdbcTest
@Import({MailPreferences.class, Advocates.class, ReferralCodes.class, FixedClock.class})
class MailPreferencesRepositoryTest {

    @Autowired
    MailPreferences preferences;
    @Autowired
    Advocates advocates;

    long ada;
    long grace;

    @BeforeEach
    void twoAdvocates() {
        ada = advocates.enrol("ada@example.com", "Ada", null, null, "admin").id();
        grace = advocates.enrol("grace@example.com", "Grace", null, null, "admin").id();
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
