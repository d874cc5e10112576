package io.referloop.reward;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@Repository
public class Conversions {

    private final JdbcClient jdbc;

    public Conversions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean exists(long referralId, Conversion.Kind kind) {
        return jdbc.sql("SELECT COUNT(*) FROM conversion WHERE referral_id = ? AND kind = ?")
                .params(referralId, kind.name()).query(Long.class).single() > 0;
    }

    /** Records the first conversion of this kind; the unique key refuses a second one from a concurrent thread. */
    public void record(long referralId, Conversion c) {
        jdbc.sql("""
                INSERT INTO conversion (referral_id, kind, source, external_ref, payment_ref, revenue, currency, converted_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(referralId, c.kind().name(), c.source(), c.externalRef(), c.paymentRef(), c.revenue(),
                        c.currency(), Timestamp.from(c.at()))
                .update();
    }

    public List<Long> referralsPaidBy(Collection<String> paymentRefs) {
        if (paymentRefs.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT DISTINCT referral_id FROM conversion WHERE payment_ref IN (:refs) OR external_ref IN (:refs)")
                .param("refs", paymentRefs).query(Long.class).list();
    }

    public Optional<String> dealOf(long referralId, String crm) {
        return jdbc.sql("SELECT external_ref FROM conversion WHERE referral_id = ? AND kind = 'DEAL_WON' AND source = ?")
                .params(referralId, crm).query(String.class).optional();
    }

    /** The referrals a won CRM deal converted (its contacts', its company's). */
    public List<Long> referralsOfDeal(String crm, String dealId) {
        return jdbc.sql("SELECT referral_id FROM conversion WHERE kind = 'DEAL_WON' AND source = ? AND external_ref = ? ORDER BY id")
                .params(crm, dealId).query(Long.class).list();
    }
}
