package io.referloop.notify;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Per advocate: the one-click unsubscribe token (256 random bits, stored: not derived from anything guessable),
 * the opt-out, and the reminders sent.
 */
@Repository
public class MailPreferences {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;

    MailPreferences(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public String tokenFor(long advocateId) {
        Optional<String> token = jdbc.sql("SELECT unsubscribe_token FROM advocate_mail WHERE advocate_id = ?")
                .param(advocateId).query(String.class).optional();
        if (token.isPresent()) {
            return token.get();
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("INSERT INTO advocate_mail (advocate_id, unsubscribe_token) VALUES (?, ?)")
                .params(advocateId, fresh).update();
        return fresh;
    }

    public boolean optedOut(long advocateId) {
        return jdbc.sql("SELECT COUNT(*) FROM advocate_mail WHERE advocate_id = ? AND opted_out_at IS NOT NULL")
                .param(advocateId).query(Long.class).single() > 0;
    }

    /** The advocate the token belongs to, now opted out; empty for a token nobody has. */
    public Optional<Long> optOut(String token) {
        Optional<Long> advocate = jdbc.sql("SELECT advocate_id FROM advocate_mail WHERE unsubscribe_token = ?")
                .param(token).query(Long.class).optional();
        advocate.ifPresent(id -> jdbc.sql(
                        "UPDATE advocate_mail SET opted_out_at = ? WHERE advocate_id = ? AND opted_out_at IS NULL")
                .params(Timestamp.from(Instant.now(clock)), id).update());
        return advocate;
    }

    public int remindersSent(long advocateId) {
        return jdbc.sql("SELECT reminders_sent FROM advocate_mail WHERE advocate_id = ?")
                .param(advocateId).query(Integer.class).optional().orElse(0);
    }

    public Optional<Instant> lastReminder(long advocateId) {
        return jdbc.sql("SELECT last_reminder_at FROM advocate_mail WHERE advocate_id = ?")
                .param(advocateId).query((rs, n) -> rs.getTimestamp(1)).optional()
                .filter(t -> t != null).map(Timestamp::toInstant);
    }

    public void reminded(long advocateId) {
        tokenFor(advocateId);
        jdbc.sql("UPDATE advocate_mail SET reminders_sent = reminders_sent + 1, last_reminder_at = ? WHERE advocate_id = ?")
                .params(Timestamp.from(Instant.now(clock)), advocateId).update();
    }
}
