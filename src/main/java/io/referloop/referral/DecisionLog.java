package io.referloop.referral;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

@Repository
public class DecisionLog {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public DecisionLog(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public void record(Long referralId, Long advocateId, String subject, String rule, String outcome,
                       Map<String, ?> inputs) {
        jdbc.sql("""
                INSERT INTO decision_log (referral_id, advocate_id, subject, rule, outcome, inputs, decided_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(referralId, advocateId, subject, rule, outcome, write(inputs), Timestamp.from(Instant.now(clock)))
                .update();
    }

    public List<Decision> forReferral(long referralId) {
        return jdbc.sql("SELECT * FROM decision_log WHERE referral_id = ? ORDER BY id").param(referralId)
                .query((rs, i) -> new Decision(rs.getLong("id"), referralId, (Long) rs.getObject("advocate_id", Long.class),
                        rs.getString("subject"), rs.getString("rule"), rs.getString("outcome"),
                        read(rs.getString("inputs")), rs.getTimestamp("decided_at").toInstant()))
                .list();
    }

    private String write(Map<String, ?> inputs) {
        try {
            return json.writeValueAsString(inputs);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Map<String, Object> read(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            return Map.of("unreadable", text);
        }
    }
}
