package io.referloop.admin;

import io.micrometer.core.instrument.Gauge;
import io.referloop.mapping.LiveMapping;
import io.referloop.referral.ProgrammeRules;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The programme's figures, for {@code GET /api/metrics} and as gauges {@code referloop_programme_*}.
 * Definitions are in the README ("Metrics").
 */
@Component
public class ProgrammeMetrics implements MeterBinder {

    public record Snapshot(long advocates, long participatingAdvocates, long attributedReferrals, long convertedReferrals,
                    double participationRate, double referralConversionRate, BigDecimal rewardCost,
                    BigDecimal costPerReferredAcquisition, BigDecimal attributedRevenue, double viralCoefficient,
                    Double roi, Double medianHoursToConversion) {
    }

    private final JdbcClient jdbc;
    private final LiveMapping<ProgrammeRules> rules;

    ProgrammeMetrics(JdbcClient jdbc, LiveMapping<ProgrammeRules> rules) {
        this.jdbc = jdbc;
        this.rules = rules;
    }

    public Snapshot snapshot() {
        long advocates = count("SELECT COUNT(*) FROM advocate");
        long participating = count("""
                SELECT COUNT(DISTINCT advocate_id) FROM referral WHERE status NOT IN ('registered', 'rejected')""");
        // per company, colleagues who joined their company's referral are not referrals of their own
        long attributed = count("SELECT COUNT(*) FROM referral WHERE status NOT IN ('registered', 'rejected')"
                + (rules.current().perCompany() ? " AND company_referral_id IS NULL" : ""));
        long converted = count("SELECT COUNT(*) FROM referral WHERE status = 'converted'");
        BigDecimal cost = sum("SELECT COALESCE(SUM(amount), 0) FROM reward WHERE status = 'ISSUED'");
        BigDecimal revenue = sum("SELECT COALESCE(SUM(revenue), 0) FROM conversion WHERE kind = 'FIRST_PAYMENT'");
        return new Snapshot(advocates, participating, attributed, converted,
                ratio(participating, advocates), ratio(converted, attributed), cost,
                converted == 0 ? BigDecimal.ZERO : cost.divide(BigDecimal.valueOf(converted), 2, RoundingMode.HALF_UP),
                revenue, ratio(converted, advocates),
                cost.signum() == 0 ? null : revenue.subtract(cost).divide(cost, 4, RoundingMode.HALF_UP).doubleValue(),
                medianHoursToConversion());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "participation.rate", Snapshot::participationRate);
        gauge(registry, "referral.conversion.rate", Snapshot::referralConversionRate);
        gauge(registry, "cost.per.referred.acquisition", s -> s.costPerReferredAcquisition().doubleValue());
        gauge(registry, "attributed.revenue", s -> s.attributedRevenue().doubleValue());
        gauge(registry, "reward.cost", s -> s.rewardCost().doubleValue());
        gauge(registry, "viral.coefficient", Snapshot::viralCoefficient);
        gauge(registry, "roi", s -> s.roi() == null ? Double.NaN : s.roi());
        gauge(registry, "median.hours.to.conversion",
                s -> s.medianHoursToConversion() == null ? Double.NaN : s.medianHoursToConversion());
    }

    private void gauge(MeterRegistry registry, String name, ToDoubleFunction<Snapshot> value) {
        Gauge.builder("referloop.programme." + name, this, m -> value.applyAsDouble(m.snapshot())).register(registry);
    }

    private Double medianHoursToConversion() {
        List<Double> hours = jdbc.sql("""
                SELECT r.attributed_at, MIN(c.converted_at) AS converted_at FROM referral r
                JOIN conversion c ON c.referral_id = r.id WHERE r.attributed_at IS NOT NULL
                GROUP BY r.id, r.attributed_at""")
                .query((rs, i) -> {
                    Timestamp from = rs.getTimestamp(1);
                    Timestamp to = rs.getTimestamp(2);
                    // attributed and converted by the same event: zero, not a few negative milliseconds
                    return Math.max(0, Duration.between(from.toInstant(), to.toInstant()).toMillis()) / 3_600_000.0;
                })
                .list().stream().sorted().toList();
        if (hours.isEmpty()) {
            return null;
        }
        int mid = hours.size() / 2;
        return hours.size() % 2 == 1 ? hours.get(mid) : (hours.get(mid - 1) + hours.get(mid)) / 2;
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private BigDecimal sum(String sql) {
        BigDecimal value = jdbc.sql(sql).query(BigDecimal.class).single();
        return value == null ? BigDecimal.ZERO : value;
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
