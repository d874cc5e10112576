package io.referloop.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code DELETE /api/people/{email}}: takes a person out of every table in one transaction. Their email becomes
 * a {@link Pseudonym} and their names go; ids, amounts, statuses and times stay, so referrals, conversions and
 * rewards still add up for accounting. Works on the tables directly (not through each feature's repository)
 * because it must see them all at once, and because it is the one place that says what Referloop keeps about people.
 */
@Service
public class PersonErasure {

    static final String ERASED = "erased";
    static final String INBOX_NOTE = "payload erased on request";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    PersonErasure(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public ErasureReport erase(String email, String actor) {
        String normal = Pseudonym.normalise(email);
        if (normal.indexOf('@') <= 0 || normal.endsWith("@")) {
            throw new ErasureRefused("not an email address: " + email, false);
        }
        if (Pseudonym.isPseudonym(normal)) {
            throw new ErasureRefused(email + " is already a pseudonym of an erased person", false);
        }
        refuseWhileOrdering(normal);
        Redaction redaction = new Redaction(normal, namesOf(normal), Pseudonym.of(normal));
        Optional<Map<String, Object>> advocate = jdbc.sql("SELECT id, code FROM advocate WHERE email = ?").param(normal)
                .query().listOfRows().stream().findFirst();

        Map<String, Integer> erased = new LinkedHashMap<>();
        erased.put("advocate", advocate.map(row -> advocate(((Number) row.get("id")).longValue(), redaction)).orElse(0));
        erased.put("referral", jdbc.sql("UPDATE referral SET referred_email = ? WHERE referred_email = ?")
                .params(redaction.pseudonym(), normal).update());
        erased.put("decision_log", decisionLog(redaction));
        erased.put("referral_click", advocate.map(row -> jdbc.sql("DELETE FROM referral_click WHERE code = ?")
                .param(row.get("code")).update()).orElse(0));
        erased.put("crm_write", crmWrites(redaction));
        erased.put("event_outbox", events(redaction));
        erased.put("inbox_event", inbox(redaction));
        // a payment waiting for its payer's attribution: the payer is gone, so it will never convert
        erased.put("waiting_payment", jdbc.sql("""
                UPDATE waiting_payment SET payer_email = ?, payer_name = NULL, payer_key = CONCAT('erased:', id),
                       status = CASE WHEN status = 'waiting' THEN 'erased' ELSE status END
                WHERE payer_email = ?""")
                .params(redaction.pseudonym(), normal).update());
        int canceled = cancelUnsentRewards(normal);
        erased.put("reward", jdbc.sql("""
                UPDATE reward SET recipient_email = ?, recipient_name = NULL WHERE LOWER(recipient_email) = ?""")
                .params(redaction.pseudonym(), normal).update());
        ErasureReport report = new ErasureReport(redaction.pseudonym(), erased, canceled);
        if (!report.nothingErased()) {
            audit(report, actor, advocate.map(row -> ((Number) row.get("id")).longValue()).orElse(null));
        }
        return report;
    }

    /** A gift card being ordered right now carries the real address to the provider; erasing under it would race. */
    private void refuseWhileOrdering(String email) {
        List<Long> ordering = jdbc.sql("SELECT id FROM reward WHERE LOWER(recipient_email) = ? AND status = 'ISSUING'")
                .param(email).query(Long.class).list();
        if (!ordering.isEmpty()) {
            throw new ErasureRefused("reward " + ordering.get(0) + " to " + email
                    + " is being ordered; erase again once it is issued or failed", true);
        }
    }

    private Set<String> namesOf(String email) {
        Set<String> names = new HashSet<>(jdbc.sql("SELECT name FROM advocate WHERE email = ? AND name IS NOT NULL")
                .param(email).query(String.class).list());
        names.addAll(jdbc.sql("SELECT recipient_name FROM reward WHERE LOWER(recipient_email) = ? AND recipient_name IS NOT NULL")
                .param(email).query(String.class).list());
        names.removeIf(String::isBlank);
        return names;
    }

    /**
     * The advocate's code stops working (status {@code erased}) and their CRM record is no longer written to. A
     * person erased once and enrolled again (their CRM record still qualified) already has an advocate row with
     * the pseudonym; advocates' emails are unique, so this one gets the pseudonym with its id.
     */
    private int advocate(long id, Redaction redaction) {
        boolean taken = jdbc.sql("SELECT COUNT(*) FROM advocate WHERE email = ?").param(redaction.pseudonym())
                .query(Long.class).single() > 0;
        String email = taken ? redaction.pseudonym().replace("@", "-" + id + "@") : redaction.pseudonym();
        return jdbc.sql("UPDATE advocate SET email = ?, name = NULL, crm = NULL, crm_contact_id = NULL, status = ?, status_reason = NULL WHERE id = ?")
                .params(email, ERASED, id).update();
    }

    private int decisionLog(Redaction redaction) {
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT id, subject, inputs FROM decision_log
                WHERE LOWER(subject) LIKE :pattern ESCAPE '!' OR LOWER(inputs) LIKE :pattern ESCAPE '!'""")
                .param("pattern", containing(redaction.email())).query().listOfRows();
        for (Map<String, Object> row : rows) {
            jdbc.sql("UPDATE decision_log SET subject = ?, inputs = ? WHERE id = ?")
                    .params(redaction.text((String) row.get("subject")), redactJson(redaction, text(row.get("inputs"))),
                            row.get("id"))
                    .update();
        }
        return rows.size();
    }

    /** Every write that names the person, sent or not: a pending one then carries the pseudonym to the CRM. */
    private int crmWrites(Redaction redaction) {
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT id, properties FROM crm_write WHERE LOWER(properties) LIKE :pattern ESCAPE '!'""")
                .param("pattern", containing(redaction.email())).query().listOfRows();
        for (Map<String, Object> row : rows) {
            jdbc.sql("UPDATE crm_write SET properties = ? WHERE id = ?")
                    .params(redactJson(redaction, text(row.get("properties"))), row.get("id")).update();
        }
        return rows.size();
    }

    /** Events that name the person, delivered or not: one still pending then carries the pseudonym. */
    private int events(Redaction redaction) {
        List<Map<String, Object>> rows = jdbc.sql("SELECT id, payload FROM event_outbox WHERE LOWER(payload) LIKE :pattern ESCAPE '!'")
                .param("pattern", containing(redaction.email())).query().listOfRows();
        for (Map<String, Object> row : rows) {
            jdbc.sql("UPDATE event_outbox SET payload = ? WHERE id = ?")
                    .params(redactJson(redaction, text(row.get("payload"))), row.get("id")).update();
        }
        return rows.size();
    }

    /**
     * Payloads that mention the person are replaced by the empty marker; the row and its dedup key stay. One not
     * processed yet is set aside as IGNORED: processing it now would bring the person back.
     */
    private int inbox(Redaction redaction) {
        return jdbc.sql("""
                UPDATE inbox_event SET payload = '', payload_scrubbed_at = :now,
                       last_error = CASE WHEN status IN ('DONE', 'IGNORED') THEN last_error ELSE :note END,
                       status = CASE WHEN status IN ('DONE', 'IGNORED') THEN status ELSE 'IGNORED' END
                WHERE LOWER(payload) LIKE :pattern ESCAPE '!'""")
                .param("now", Timestamp.from(Instant.now(clock))).param("note", INBOX_NOTE)
                .param("pattern", containing(redaction.email())).update();
    }

    /** Rewards not yet ordered would go to the pseudonym, which no provider can deliver to. */
    private int cancelUnsentRewards(String email) {
        return jdbc.sql("""
                UPDATE reward SET status = 'CANCELED', reason = 'recipient erased'
                WHERE LOWER(recipient_email) = ? AND status IN ('PENDING', 'HELD', 'FAILED')""")
                .param(email).update();
    }

    /** The erasure itself is logged, under the pseudonym: proof that it happened, without saying of whom. */
    private void audit(ErasureReport report, String actor, Long advocateId) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("by", actor);
        inputs.put("erased", report.erased());
        inputs.put("rewardsCanceled", report.rewardsCanceled());
        jdbc.sql("""
                INSERT INTO decision_log (referral_id, advocate_id, subject, rule, outcome, inputs, decided_at)
                VALUES (NULL, ?, ?, 'erasure', 'erased', ?, ?)""")
                .params(advocateId, report.pseudonym(), write(inputs), Timestamp.from(Instant.now(clock)))
                .update();
    }

    private String redactJson(Redaction redaction, String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.writeValueAsString(redaction.json(json.readTree(text)));
        } catch (JsonProcessingException notJson) {
            return redaction.text(text);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** TEXT columns come back as String on PostgreSQL and as a Clob on H2. */
    private static String text(Object value) {
        if (value instanceof java.sql.Clob clob) {
            try {
                return clob.getSubString(1, (int) clob.length());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return value == null ? null : value.toString();
    }

    /** A LIKE pattern for text containing {@code value}; '!' escapes, since '_' is common in email addresses. */
    static String containing(String value) {
        return "%" + value.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
