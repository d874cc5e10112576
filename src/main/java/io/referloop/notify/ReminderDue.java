package io.referloop.notify;

import io.referloop.referral.Advocate;

/** Published (inside the reminder's transaction) when an idle advocate is due a reminder: CRMs get {@code referral_reminder_due}. */
public record ReminderDue(Advocate advocate, int reminder) {
}
