package io.referloop.notify;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Who is due a reminder: idle for after-days, at most max times, never after an opt-out. */
class ReminderRulesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T09:00:00Z"), ZoneOffset.UTC);
    private static final Instant NOW = Instant.now(CLOCK);
    private static final ReminderRules RULES = new ReminderRules(new ReminderRules.Reminders(30, 2));

    @Test
    void anAdvocateQuietForAfterDaysIsDue() {
        assertThat(RULES.due(activity(daysAgo(30), null, null, 0, null, false), NOW)).isTrue();
        assertThat(RULES.due(activity(daysAgo(29), null, null, 0, null, false), NOW)).isFalse();
    }

    @Test
    void aRecentClickOrReferralIsActivity() {
        assertThat(RULES.due(activity(daysAgo(90), daysAgo(3), null, 0, null, false), NOW)).isFalse();
        assertThat(RULES.due(activity(daysAgo(90), null, daysAgo(10), 0, null, false), NOW)).isFalse();
        assertThat(RULES.due(activity(daysAgo(90), daysAgo(31), daysAgo(40), 0, null, false), NOW)).isTrue();
    }

    @Test
    void theNextReminderWaitsAsLongAgainAndStopsAtMax() {
        assertThat(RULES.due(activity(daysAgo(90), null, null, 1, daysAgo(10), false), NOW)).isFalse();
        assertThat(RULES.due(activity(daysAgo(90), null, null, 1, daysAgo(30), false), NOW)).isTrue();
        assertThat(RULES.due(activity(daysAgo(900), null, null, 2, daysAgo(300), false), NOW)).isFalse();
    }

    @Test
    void neverAfterAnOptOutNorForADisabledAdvocate() {
        assertThat(RULES.due(activity(daysAgo(90), null, null, 0, null, true), NOW)).isFalse();
        assertThat(RULES.due(new ReminderRules.Activity(false, false, daysAgo(90), null, null, 0, null), NOW)).isFalse();
    }

    @Test
    void withoutTheBlockNobodyIsReminded() {
        assertThat(new ReminderRules(null).due(activity(daysAgo(900), null, null, 0, null, false), NOW)).isFalse();
        assertThat(new ReminderRules(new ReminderRules.Reminders(null, null)).due(
                activity(daysAgo(30), null, null, 0, null, false), NOW)).isTrue();
    }

    private static ReminderRules.Activity activity(Instant enrolled, Instant click, Instant referral, int sent,
                                                   Instant lastReminder, boolean optedOut) {
        return new ReminderRules.Activity(true, optedOut, enrolled, click, referral, sent, lastReminder);
    }

    private static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }
}
