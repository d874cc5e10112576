package io.referloop.notify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * The {@code reminders} block of program.yaml: an active advocate with no click on their link and no referral for
 * {@code after-days} gets a reminder, at most {@code max} times (each after another {@code after-days} of quiet),
 * never after an opt-out. Without the block, no reminders.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReminderRules(Reminders reminders) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Reminders(Integer afterDays, Integer max) {

        public int afterDaysOrDefault() {
            return afterDays == null ? 30 : afterDays;
        }

        public int maxOrDefault() {
            return max == null ? 2 : max;
        }
    }

    public boolean enabled() {
        return reminders != null && reminders.maxOrDefault() > 0;
    }

    /** What is known of one advocate's activity. Null instants: never. */
    public record Activity(boolean active, boolean optedOut, Instant enrolledAt, Instant lastClick, Instant lastReferral,
                           int remindersSent, Instant lastReminder) {
    }

    /** Whether the advocate is due a reminder now. */
    public boolean due(Activity activity, Instant now) {
        if (!enabled() || !activity.active() || activity.optedOut() || activity.remindersSent() >= reminders.maxOrDefault()) {
            return false;
        }
        Instant quietSince = Stream.of(activity.enrolledAt(), activity.lastClick(), activity.lastReferral(),
                        activity.lastReminder())
                .filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(now);
        return !now.isBefore(quietSince.plus(Duration.ofDays(reminders.afterDaysOrDefault())));
    }
}
