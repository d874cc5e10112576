package io.referloop.notify;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Bean {@code slackDigest} (route {@code slack-digest}): once a day, the review queue (size, oldest held reward),
 * the rewards sent in the last 24 hours and what failed (rewards, event deliveries).
 */
@Component("slackDigest")
public class SlackDigest {

    /** The figures of one digest. */
    record Figures(long held, Long oldestHeldId, Instant oldestHeldSince, BigDecimal oldestHeldAmount,
                   String oldestHeldCurrency, long issued, long failedRewards, long failedEvents) {
    }

    private final SlackAlerts slack;
    private final AlertsProperties properties;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final String baseUrl;

    SlackDigest(SlackAlerts slack, AlertsProperties properties, JdbcClient jdbc, Clock clock,
                @Value("${referloop.public-base-url:http://localhost:8080}") String baseUrl) {
        this.slack = slack;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    public void send() throws IOException, InterruptedException {
        if (properties.slack()) {
            slack.post(text(figures(), Instant.now(clock), baseUrl));
        }
    }

    Figures figures() {
        Instant now = Instant.now(clock);
        long held = count("SELECT COUNT(*) FROM reward WHERE status = 'HELD'");
        var oldest = jdbc.sql("""
                        SELECT id, created_at, amount, currency FROM reward WHERE status = 'HELD'
                        ORDER BY created_at, id FETCH FIRST 1 ROWS ONLY""")
                .query((rs, n) -> new Object[] {rs.getLong("id"), rs.getTimestamp("created_at").toInstant(),
                        rs.getBigDecimal("amount"), rs.getString("currency")}).optional();
        long issued = jdbc.sql("SELECT COUNT(*) FROM reward WHERE status = 'ISSUED' AND issued_at >= ?")
                .param(Timestamp.from(now.minus(Duration.ofDays(1)))).query(Long.class).single();
        return new Figures(held, oldest.map(o -> (Long) o[0]).orElse(null), oldest.map(o -> (Instant) o[1]).orElse(null),
                oldest.map(o -> (BigDecimal) o[2]).orElse(null), oldest.map(o -> (String) o[3]).orElse(null), issued,
                count("SELECT COUNT(*) FROM reward WHERE status = 'FAILED'"),
                count("SELECT COUNT(*) FROM event_outbox WHERE status = 'FAILED' OR webhook_status = 'FAILED'"));
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    static String text(Figures f, Instant now, String baseUrl) {
        StringBuilder text = new StringBuilder(":bar_chart: Referloop daily digest\n");
        text.append("• Review queue: ").append(f.held()).append(f.held() == 1 ? " reward held" : " rewards held");
        if (f.oldestHeldId() != null) {
            long days = Duration.between(f.oldestHeldSince(), now).toDays();
            text.append("; oldest: ").append(f.oldestHeldAmount().toPlainString()).append(' ').append(f.oldestHeldCurrency())
                    .append(", waiting ").append(days).append(days == 1 ? " day: " : " days: ")
                    .append(baseUrl).append("/console/review/").append(f.oldestHeldId());
        }
        text.append("\n• Rewards sent in the last 24 h: ").append(f.issued());
        text.append("\n• Failures: ").append(f.failedRewards()).append(" failed rewards, ")
                .append(f.failedEvents()).append(" event deliveries given up");
        return text.toString();
    }
}
