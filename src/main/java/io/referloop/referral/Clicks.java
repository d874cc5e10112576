package io.referloop.referral;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;

@Repository
public class Clicks {

    private final JdbcClient jdbc;

    public Clicks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String code, Instant at, String userAgent) {
        String agent = userAgent == null ? null : userAgent.substring(0, Math.min(500, userAgent.length()));
        jdbc.sql("INSERT INTO referral_click (code, clicked_at, user_agent) VALUES (?, ?, ?)")
                .params(code, Timestamp.from(at), agent).update();
    }

    public boolean anyBetween(String code, Instant from, Instant to) {
        return jdbc.sql("SELECT COUNT(*) FROM referral_click WHERE code = ? AND clicked_at >= ? AND clicked_at <= ?")
                .params(code, Timestamp.from(from), Timestamp.from(to)).query(Long.class).single() > 0;
    }
}
