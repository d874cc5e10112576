package io.referloop.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * How much work waits: {@code referloop_inbox_events{status}} and {@code referloop_crm_writes{status}}.
 * A growing FAILED count is the one to alert on.
 */
@Component
class QueueMetrics implements MeterBinder {

    private final JdbcClient jdbc;

    QueueMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String status : List.of("NEW", "CLAIMED", "DONE", "IGNORED", "FAILED")) {
            Gauge.builder("referloop.inbox.events", () -> count("SELECT COUNT(*) FROM inbox_event WHERE status = ?", status))
                    .tag("status", status).description("Events in the inbox by status").register(registry);
        }
        for (String status : List.of("PENDING", "SENT", "FAILED")) {
            Gauge.builder("referloop.crm.writes", () -> count("SELECT COUNT(*) FROM crm_write WHERE status = ?", status))
                    .tag("status", status).description("CRM writes in the outbox by status").register(registry);
        }
    }

    private long count(String sql, String status) {
        return jdbc.sql(sql).param(status).query(Long.class).single();
    }
}
