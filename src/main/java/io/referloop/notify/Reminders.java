package io.referloop.notify;

import io.referloop.mapping.LiveMapping;
import io.referloop.mapping.MappingFiles;
import io.referloop.referral.Advocate;
import io.referloop.referral.Advocates;
import io.referloop.referral.ReferralLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Finds idle advocates due a reminder (see {@link ReminderRules}) and, for each in its own transaction, counts the
 * reminder, queues the {@code advocate.reminder-due} event (the email follows from the routes) and publishes
 * {@link ReminderDue} (the CRM field {@code referral_reminder_due}).
 */
@Component
public class Reminders {

    private static final Logger log = LoggerFactory.getLogger(Reminders.class);

    private final LiveMapping<ReminderRules> rules;
    private final JdbcClient jdbc;
    private final Advocates advocates;
    private final MailPreferences preferences;
    private final EventOutbox outbox;
    private final EventsProperties events;
    private final ReferralLinks links;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Reminders(MappingFiles mappings, JdbcClient jdbc, Advocates advocates, MailPreferences preferences,
              EventOutbox outbox, EventsProperties events, ReferralLinks links, ApplicationEventPublisher publisher,
              TransactionTemplate transactions, Clock clock) {
        this.rules = mappings.live("program.yaml", "program.schema.json", ReminderRules.class);
        this.jdbc = jdbc;
        this.advocates = advocates;
        this.preferences = preferences;
        this.outbox = outbox;
        this.events = events;
        this.links = links;
        this.publisher = publisher;
        this.transactions = transactions;
        this.clock = clock;
    }

    public boolean enabled() {
        return rules.current().enabled();
    }

    /** Sends the reminders due now; answers how many. */
    public int run() {
        if (!rules.current().enabled()) {
            return 0;
        }
        Instant now = Instant.now(clock);
        Timestamp cutoff = Timestamp.from(now.minus(java.time.Duration.ofDays(rules.current().reminders().afterDaysOrDefault())));
        List<Long> candidates = jdbc.sql("""
                SELECT a.id FROM advocate a LEFT JOIN advocate_mail m ON m.advocate_id = a.id
                WHERE a.status = 'active' AND a.created_at <= ? AND m.opted_out_at IS NULL
                  AND COALESCE(m.reminders_sent, 0) < ? ORDER BY a.id""")
                .params(cutoff, rules.current().reminders().maxOrDefault()).query(Long.class).list();
        int sent = 0;
        for (Long id : candidates) {
            Boolean reminded = transactions.execute(status -> remindIfDue(id, now));
            if (Boolean.TRUE.equals(reminded)) {
                sent++;
            }
        }
        if (sent > 0) {
            log.info("{} idle advocates were reminded", sent);
        }
        return sent;
    }

    private boolean remindIfDue(long advocateId, Instant now) {
        Advocate advocate = advocates.byId(advocateId).orElse(null);
        if (advocate == null || !rules.current().due(activity(advocate), now)) {
            return false;
        }
        int reminder = preferences.remindersSent(advocateId) + 1;
        preferences.reminded(advocateId);
        outbox.add(EventTypes.reminderDue(advocate, links.linkFor(advocate.code()), reminder, now), events.webhook());
        publisher.publishEvent(new ReminderDue(advocate, reminder));
        return true;
    }

    private ReminderRules.Activity activity(Advocate advocate) {
        Instant lastClick = jdbc.sql("SELECT MAX(clicked_at) FROM referral_click WHERE code = ?").param(advocate.code())
                .query((rs, n) -> instant(rs.getTimestamp(1))).optional().orElse(null);
        Instant lastReferral = jdbc.sql("""
                        SELECT MAX(COALESCE(attributed_at, registered_at)) FROM referral WHERE advocate_id = ?""")
                .param(advocate.id()).query((rs, n) -> instant(rs.getTimestamp(1))).optional().orElse(null);
        return new ReminderRules.Activity(advocate.active(), preferences.optedOut(advocate.id()), advocate.createdAt(),
                lastClick, lastReferral, preferences.remindersSent(advocate.id()),
                preferences.lastReminder(advocate.id()).orElse(null));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
