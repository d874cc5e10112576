package io.referloop.console;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the console's pages read, straight from the tables the connector keeps; and the replays of failed work. */
@Repository
class ConsoleQueries {

    record Funnel(long clicks, long attributed, long converted, long rewarded) {
    }

    record Money(String status, String currency, BigDecimal amount, long count) {
    }

    record Queue(long size, Instant oldest) {
    }

    record HeldReward(long id, long referralId, String recipientEmail, BigDecimal amount, String currency,
                      String reason, Instant createdAt, String advocateEmail, String advocateCode, String referred) {
    }

    record ReferralRow(long id, String referredEmail, String referredDomain, String attribution, String status,
                       Instant registeredAt, Instant attributedAt, String advocateEmail, String advocateCode,
                       String crm, String crmContactId) {
    }

    /** @param statusChangedBy with {@code statusChangedAt} and {@code statusReason}: the last disable or enable by hand */
    record AdvocateRow(long id, String code, String email, String name, String status, long attributed,
                       long converted, BigDecimal rewarded, String statusChangedBy, Instant statusChangedAt,
                       String statusReason) {

        private static final java.time.format.DateTimeFormatter SHOWN = java.time.format.DateTimeFormatter
                .ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

        public boolean active() {
            return "active".equals(status);
        }

        /** Only active and disabled advocates are switched by hand; an erased one stays erased. */
        public boolean switchable() {
            return active() || "disabled".equals(status);
        }

        public String statusChangedShown() {
            return statusChangedAt == null ? null : SHOWN.format(statusChangedAt);
        }
    }

    record FailedEvent(long id, String source, String eventType, String objectId, int attempts, String error,
                       Instant receivedAt) {
    }

    record FailedWrite(long id, String crm, String objectType, String objectId, int attempts, String error,
                       Instant createdAt) {
    }

    record FailedReward(long id, long referralId, String recipientEmail, BigDecimal amount, String currency,
                        String provider, int attempts, String error) {
    }

    /** One ISO week (starting Monday, UTC): referrals attributed, referrals converted, rewards issued. */
    record Week(java.time.LocalDate monday, long attributed, long converted, long rewarded) {
    }

    private final JdbcClient jdbc;
    private final com.fasterxml.jackson.databind.ObjectMapper json;
    private final Clock clock;

    ConsoleQueries(JdbcClient jdbc, com.fasterxml.jackson.databind.ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    Funnel funnel(long attributed, long converted) {
        long clicks = count("SELECT COUNT(*) FROM referral_click");
        long rewarded = count("SELECT COUNT(*) FROM reward WHERE status = 'ISSUED' AND beneficiary = 'advocate'");
        return new Funnel(clicks, attributed, converted, rewarded);
    }

    /** The last {@code weeks} weeks, oldest first; bucketed here, so the SQL is the same on H2 and PostgreSQL. */
    List<Week> weeks(int weeks) {
        java.time.LocalDate thisMonday = java.time.LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC))
                .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
        java.time.LocalDate first = thisMonday.minusWeeks(weeks - 1L);
        Timestamp from = Timestamp.from(first.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        long[][] counts = new long[weeks][3];
        String[] sql = {
                "SELECT attributed_at FROM referral WHERE attributed_at >= ? AND status NOT IN ('registered', 'rejected')",
                "SELECT MIN(c.converted_at) FROM conversion c WHERE c.converted_at >= ? GROUP BY c.referral_id",
                "SELECT issued_at FROM reward WHERE issued_at >= ? AND status = 'ISSUED' AND beneficiary = 'advocate'"};
        for (int k = 0; k < sql.length; k++) {
            for (Timestamp t : jdbc.sql(sql[k]).param(from).query(Timestamp.class).list()) {
                long index = java.time.temporal.ChronoUnit.WEEKS.between(first,
                        t.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate());
                if (index >= 0 && index < weeks) {
                    counts[(int) index][k]++;
                }
            }
        }
        List<Week> result = new java.util.ArrayList<>();
        for (int i = 0; i < weeks; i++) {
            result.add(new Week(first.plusWeeks(i), counts[i][0], counts[i][1], counts[i][2]));
        }
        return result;
    }

    List<Money> moneyByState() {
        return jdbc.sql("""
                SELECT status, currency, SUM(amount) AS amount, COUNT(*) AS n FROM reward
                GROUP BY status, currency ORDER BY status, currency""")
                .query((rs, i) -> new Money(rs.getString("status"), rs.getString("currency"), rs.getBigDecimal("amount"),
                        rs.getLong("n")))
                .list();
    }

    Queue queue() {
        long size = count("SELECT COUNT(*) FROM reward WHERE status = 'HELD'");
        Timestamp oldest = jdbc.sql("SELECT MIN(created_at) FROM reward WHERE status = 'HELD'").query(Timestamp.class)
                .optional().orElse(null);
        return new Queue(size, oldest == null ? null : oldest.toInstant());
    }

    List<HeldReward> held() {
        return jdbc.sql("""
                SELECT w.id, w.referral_id, w.recipient_email, w.amount, w.currency, w.reason, w.created_at,
                       a.email AS advocate_email, a.code, COALESCE(r.referred_email, r.referred_domain) AS referred
                FROM reward w JOIN advocate a ON a.id = w.advocate_id JOIN referral r ON r.id = w.referral_id
                WHERE w.status = 'HELD' ORDER BY w.created_at, w.id""")
                .query((rs, i) -> new HeldReward(rs.getLong("id"), rs.getLong("referral_id"),
                        rs.getString("recipient_email"), rs.getBigDecimal("amount"), rs.getString("currency"),
                        rs.getString("reason"), instant(rs.getTimestamp("created_at")), rs.getString("advocate_email"),
                        rs.getString("code"), rs.getString("referred")))
                .list();
    }

    /** Referrals whose person, company domain, advocate email or advocate code matches (case-insensitive). */
    List<ReferralRow> searchReferrals(String query) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        String like = "%" + q.replace("\\", "").replace("%", "").replace("_", "") + "%";
        return jdbc.sql(REFERRALS + """
                 WHERE (:q = '' OR LOWER(r.referred_email) LIKE :like OR LOWER(r.referred_domain) LIKE :like
                        OR LOWER(a.email) LIKE :like OR LOWER(a.code) = :q)
                ORDER BY r.id DESC FETCH FIRST 100 ROWS ONLY""")
                .param("q", q).param("like", like).query(REFERRAL_ROW).list();
    }

    Optional<ReferralRow> referral(long id) {
        return jdbc.sql(REFERRALS + " WHERE r.id = :id").param("id", id).query(REFERRAL_ROW).optional();
    }

    private static final String REFERRALS = """
            SELECT r.id, r.referred_email, r.referred_domain, r.attribution, r.status, r.registered_at, r.attributed_at,
                   a.email AS advocate_email, a.code, r.crm, r.crm_contact_id
            FROM referral r JOIN advocate a ON a.id = r.advocate_id""";

    private static final org.springframework.jdbc.core.RowMapper<ReferralRow> REFERRAL_ROW = (rs, i) -> new ReferralRow(rs.getLong("id"), rs.getString("referred_email"), rs.getString("referred_domain"),
                rs.getString("attribution"), rs.getString("status"), instant(rs.getTimestamp("registered_at")),
                instant(rs.getTimestamp("attributed_at")), rs.getString("advocate_email"), rs.getString("code"),
                rs.getString("crm"), rs.getString("crm_contact_id"));

    List<AdvocateRow> searchAdvocates(String query) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        String like = "%" + q.replace("\\", "").replace("%", "").replace("_", "") + "%";
        return jdbc.sql("""
                SELECT a.id, a.code, a.email, a.name, a.status, a.status_changed_by, a.status_changed_at, a.status_reason,
                       (SELECT COUNT(*) FROM referral r WHERE r.advocate_id = a.id AND r.status NOT IN ('registered', 'rejected')) AS attributed,
                       (SELECT COUNT(*) FROM referral r WHERE r.advocate_id = a.id AND r.status = 'converted') AS converted,
                       (SELECT COALESCE(SUM(w.amount), 0) FROM reward w WHERE w.advocate_id = a.id AND w.beneficiary = 'advocate'
                          AND w.status = 'ISSUED') AS rewarded
                FROM advocate a
                WHERE (:q = '' OR LOWER(a.email) LIKE :like OR LOWER(a.code) = :q OR LOWER(a.name) LIKE :like)
                ORDER BY a.id DESC FETCH FIRST 100 ROWS ONLY""")
                .param("q", q).param("like", like)
                .query((rs, i) -> new AdvocateRow(rs.getLong("id"), rs.getString("code"), rs.getString("email"),
                        rs.getString("name"), rs.getString("status"), rs.getLong("attributed"), rs.getLong("converted"),
                        rs.getBigDecimal("rewarded"), rs.getString("status_changed_by"),
                        instant(rs.getTimestamp("status_changed_at")), rs.getString("status_reason")))
                .list();
    }

    List<FailedEvent> failedEvents() {
        return newestFailed("SELECT id, source, event_type, object_id, attempts, last_error, received_at FROM inbox_event",
                FailedEvent::new);
    }

    List<FailedWrite> failedWrites() {
        return newestFailed("SELECT id, crm, object_type, object_id, attempts, last_error, created_at FROM crm_write",
                FailedWrite::new);
    }

    /** An inbox event and a CRM write fail alike: an object of some kind from somewhere, tried, given up on. */
    private interface FailedRow<T> {
        T of(long id, String where, String kind, String objectId, int attempts, String error, Instant at);
    }

    /** @param select the seven columns of a {@link FailedRow}, in its order, from one table with a status */
    private <T> List<T> newestFailed(String select, FailedRow<T> row) {
        return jdbc.sql(select + NEWEST_FAILED)
                .query((rs, i) -> row.of(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6), instant(rs.getTimestamp(7))))
                .list();
    }

    /** A page shows the newest failures only: an outage can leave thousands. */
    private static final String NEWEST_FAILED = " WHERE status = 'FAILED' ORDER BY id DESC FETCH FIRST 200 ROWS ONLY";

    List<FailedReward> failedRewards() {
        return jdbc.sql("""
                SELECT id, referral_id, recipient_email, amount, currency, provider, attempts, last_error FROM reward
                """ + NEWEST_FAILED)
                .query((rs, i) -> new FailedReward(rs.getLong("id"), rs.getLong("referral_id"),
                        rs.getString("recipient_email"), rs.getBigDecimal("amount"), rs.getString("currency"),
                        rs.getString("provider"), rs.getInt("attempts"), rs.getString("last_error")))
                .list();
    }

    /** A FAILED inbox event goes back to NEW with its attempts reset: the drain takes it as if it just came. */
    boolean replayEvent(long id) {
        return jdbc.sql("""
                UPDATE inbox_event SET status = 'NEW', attempts = 0, claimed_by = NULL, claimed_until = NULL
                WHERE id = ? AND status = 'FAILED'""").param(id).update() == 1;
    }

    enum Replay { QUEUED, SUPERSEDED, NOT_FAILED }

    /**
     * A FAILED CRM write goes back to PENDING, due now, with its attempts reset. Values that a newer write of the
     * same record carries (sent or pending) are left out: replayed as they were, they would put stale values back
     * in the CRM. A write with nothing left is marked SENT, superseded.
     */
    Replay replayWrite(long id) {
        var row = jdbc.sql("SELECT crm, object_type, object_id, properties FROM crm_write WHERE id = ? AND status = 'FAILED'")
                .param(id).query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                .optional();
        if (row.isEmpty()) {
            return Replay.NOT_FAILED;
        }
        String[] w = row.get();
        java.util.Map<String, String> values = readMap(w[3]);
        for (String newer : jdbc.sql("""
                        SELECT properties FROM crm_write WHERE crm = ? AND object_type = ? AND object_id = ? AND id > ?
                          AND status IN ('SENT', 'PENDING')""")
                .params(w[0], w[1], w[2], id).query(String.class).list()) {
            values.keySet().removeAll(readMap(newer).keySet());
        }
        if (values.isEmpty()) {
            jdbc.sql("UPDATE crm_write SET status = 'SENT', last_error = ? WHERE id = ? AND status = 'FAILED'")
                    .params("superseded: newer writes of this record carry every value", id).update();
            return Replay.SUPERSEDED;
        }
        int updated = jdbc.sql("""
                UPDATE crm_write SET status = 'PENDING', attempts = 0, next_attempt_at = ?, properties = ?
                WHERE id = ? AND status = 'FAILED'""")
                .params(Timestamp.from(Instant.now(clock)), writeMap(values), id).update();
        return updated == 1 ? Replay.QUEUED : Replay.NOT_FAILED;
    }

    private java.util.Map<String, String> readMap(String json) {
        try {
            return this.json.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, String>>() {
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable CRM write", e);
        }
    }

    private String writeMap(java.util.Map<String, String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
