package io.referloop.referral;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** The SQL of manual attribution: lock a referral, give it an advocate, and see whether a reward pins it. */
@Repository
class Reattributions {

    private final JdbcClient jdbc;

    Reattributions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the referral for the rest of the transaction, so two admins moving it at once take turns. */
    boolean lock(long referralId) {
        return !jdbc.sql("SELECT id FROM referral WHERE id = ? FOR UPDATE").param(referralId)
                .query(Long.class).list().isEmpty();
    }

    /**
     * Gives the referral its new advocate with attribution {@code manual}. The time of the first attribution is
     * kept (time-to-conversion counts from it); the decision log has the time of this one.
     */
    void assign(long referralId, long advocateId, Referral.Status status, String email, String crm, String contactId,
                Instant now) {
        jdbc.sql("""
                UPDATE referral SET advocate_id = ?, attribution = 'manual', status = ?, company_referral_id = NULL,
                       referred_email = COALESCE(referred_email, ?), crm = COALESCE(crm, ?),
                       crm_contact_id = COALESCE(crm_contact_id, ?), attributed_at = COALESCE(attributed_at, ?)
                WHERE id = ?""")
                .params(advocateId, status.name(), email, crm, contactId, Timestamp.from(now), referralId)
                .update();
    }

    /**
     * The referral's advocate rewards still alive. Read by SQL rather than through the reward package, which
     * depends on this one; a rejected or canceled reward pays nobody and does not pin the referral.
     */
    List<ManualAttributionRules.LiveReward> liveAdvocateRewards(long referralId) {
        return jdbc.sql("""
                SELECT id, status, amount, currency FROM reward
                WHERE referral_id = ? AND beneficiary = 'advocate' AND status NOT IN ('REJECTED', 'CANCELED')
                ORDER BY id""")
                .param(referralId)
                .query((rs, i) -> new ManualAttributionRules.LiveReward(rs.getLong("id"), rs.getString("status"),
                        rs.getBigDecimal("amount").toPlainString(), rs.getString("currency")))
                .list();
    }
}
