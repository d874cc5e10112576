package io.referloop.referral;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

@Repository
public class Referrals {

    private static final RowMapper<Referral> ROW = (rs, i) -> new Referral(rs.getLong("id"),
            rs.getLong("advocate_id"), rs.getString("referred_email"), rs.getString("referred_domain"),
            rs.getString("crm"), rs.getString("crm_contact_id"),
            rs.getString("attribution") == null ? null : Referral.Attribution.valueOf(rs.getString("attribution")),
            Referral.Status.valueOf(rs.getString("status")), rs.getTimestamp("registered_at").toInstant(),
            rs.getTimestamp("attributed_at") == null ? null : rs.getTimestamp("attributed_at").toInstant(),
            rs.getObject("company_referral_id", Long.class));

    // The colleagues' condition ("company_referral_id IS NULL") is never a filter of its own: H2 serves it from that
    // column's index, which holds every referral that is not a colleague's, and so reads the whole programme's
    // referrals instead of the advocate's or the domain's (once per attribution, slower with every referral made).
    // The counts count it; the company's referral asks for it through COALESCE. ReferralQueryPlansTest guards them.
    private static final String ATTRIBUTED = " FROM referral WHERE advocate_id = ? AND status NOT IN ('registered', 'rejected')";
    private static final String CONVERTED = " FROM referral WHERE advocate_id = ? AND status = 'converted'";
    static final String DECIDED_FOR_COMPANY = """
            SELECT * FROM referral WHERE referred_domain = ? AND COALESCE(company_referral_id, 0) = 0
              AND status NOT IN ('registered', 'rejected', 'canceled')
            ORDER BY id FETCH FIRST 1 ROWS ONLY""";

    private final JdbcClient jdbc;

    public Referrals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Referral register(long advocateId, String email, String domain, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO referral (advocate_id, referred_email, referred_domain, status, registered_at)
                VALUES (?, ?, ?, ?, ?)""")
                .params(advocateId, email, domain, Referral.Status.registered.name(), Timestamp.from(now))
                .update(key, "id");
        return byId(key.getKey().longValue()).orElseThrow();
    }

    public Referral create(long advocateId, String email, String domain, String crm, String contactId,
                           Referral.Attribution attribution, Referral.Status status, Long companyReferralId,
                           Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO referral (advocate_id, referred_email, referred_domain, crm, crm_contact_id,
                                      attribution, status, registered_at, attributed_at, company_referral_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(advocateId, email, domain, crm, contactId, attribution.name(), status.name(),
                        Timestamp.from(now), Timestamp.from(now), companyReferralId)
                .update(key, "id");
        return byId(key.getKey().longValue()).orElseThrow();
    }

    /** Turns a registered referral into the decided one for this contact. */
    public Referral decide(Referral registered, String email, String crm, String contactId,
                           Referral.Attribution attribution, Referral.Status status, Long companyReferralId,
                           Instant now) {
        jdbc.sql("""
                UPDATE referral SET referred_email = ?, referred_domain = COALESCE(referred_domain, ?), crm = ?,
                                    crm_contact_id = ?, attribution = ?, status = ?, attributed_at = ?,
                                    company_referral_id = ? WHERE id = ?""")
                .params(email, Emails.domainOf(email), crm, contactId, attribution.name(), status.name(),
                        Timestamp.from(now), companyReferralId, registered.id())
                .update();
        return byId(registered.id()).orElseThrow();
    }

    public Optional<Referral> byId(long id) {
        return jdbc.sql("SELECT * FROM referral WHERE id = ?").param(id).query(ROW).optional();
    }

    /** The first decision already taken for this contact (by CRM id or by email), if any. */
    public Optional<Referral> decidedFor(String crm, String contactId, String email) {
        // two indexed lookups instead of one OR: with the OR, H2 walks the whole table in id order, so
        // every contact cost more as referrals accumulated
        Optional<Referral> byContact = crm == null || contactId == null ? Optional.empty() : jdbc.sql("""
                SELECT * FROM referral WHERE crm = ? AND crm_contact_id = ? AND status <> 'registered'
                ORDER BY id FETCH FIRST 1 ROWS ONLY""")
                .params(crm, contactId).query(ROW).optional();
        Optional<Referral> byEmail = email == null ? Optional.empty() : jdbc.sql("""
                SELECT * FROM referral WHERE referred_email = ? AND status <> 'registered'
                ORDER BY id FETCH FIRST 1 ROWS ONLY""")
                .param(email).query(ROW).optional();
        if (byContact.isPresent() && byEmail.isPresent()) {
            return byContact.get().id() <= byEmail.get().id() ? byContact : byEmail;
        }
        return byContact.or(() -> byEmail);
    }

    public Optional<Referral> registeredForEmail(String email, Instant notBefore) {
        return jdbc.sql("""
                SELECT * FROM referral WHERE status = 'registered' AND referred_email = ? AND registered_at >= ?
                ORDER BY id FETCH FIRST 1 ROWS ONLY""")
                .params(email, Timestamp.from(notBefore)).query(ROW).optional();
    }

    /**
     * The first referral this company really received since {@code notBefore}: a domain registered for
     * it, or a colleague referred by code, link, email or by hand. A colleague attributed through the
     * domain is not one, so colleagues never renew the window.
     */
    public Optional<Referral> receivedByCompany(String domain, Instant notBefore) {
        return jdbc.sql("""
                SELECT * FROM referral WHERE referred_domain = ? AND registered_at >= ?
                  AND status NOT IN ('rejected', 'canceled')
                  AND (status <> 'registered' OR referred_email IS NULL)
                  AND (company_referral_id IS NULL OR attribution <> 'domain')
                ORDER BY id FETCH FIRST 1 ROWS ONLY""")
                .params(domain, Timestamp.from(notBefore)).query(ROW).optional();
    }

    /** The company's decided referral (attributed or further), however old: what its conversions pay. */
    public Optional<Referral> decidedForCompany(String domain) {
        return jdbc.sql(DECIDED_FOR_COMPANY).param(domain).query(ROW).optional();
    }

    /** A domain registered for the company inside the window that no colleague has signed up through yet. */
    public Optional<Referral> openForCompany(String domain, Instant notBefore) {
        return jdbc.sql("""
                SELECT * FROM referral WHERE referred_domain = ? AND status = 'registered' AND referred_email IS NULL
                  AND registered_at >= ?
                ORDER BY id FETCH FIRST 1 ROWS ONLY""")
                .params(domain, Timestamp.from(notBefore)).query(ROW).optional();
    }

    public void markConverted(long referralId) {
        jdbc.sql("UPDATE referral SET status = 'converted' WHERE id = ? AND status = 'attributed'").param(referralId).update();
    }

    /** Converted referrals of an advocate; with {@code companiesOnce}, colleagues who joined a company's referral do not count. */
    public int countConverted(long advocateId, boolean companiesOnce) {
        return jdbc.sql(countConverted(companiesOnce))
                .param(advocateId).query(Integer.class).single();
    }


    /**
     * The advocate's referrals, counted under a lock on the advocate's row that holds until the transaction ends.
     * Two instances attributing friends of one advocate at once would otherwise each count without the other's
     * referral, and the lower count could reach the CRM last; with the lock, the later transaction counts after the
     * earlier one committed.
     */
    public int countAttributedLocked(long advocateId, boolean companiesOnce) {
        jdbc.sql("SELECT id FROM advocate WHERE id = ? FOR UPDATE").param(advocateId).query(Long.class).list();
        return countAttributed(advocateId, companiesOnce);
    }

    public int countAttributed(long advocateId, boolean companiesOnce) {
        return jdbc.sql(countAttributed(companiesOnce))
                .param(advocateId).query(Integer.class).single();
    }

    static String countAttributed(boolean companiesOnce) {
        return "SELECT " + counted(companiesOnce) + ATTRIBUTED;
    }

    static String countConverted(boolean companiesOnce) {
        return "SELECT " + counted(companiesOnce) + CONVERTED;
    }

    private static String counted(boolean companiesOnce) {
        return companiesOnce ? "COUNT(CASE WHEN company_referral_id IS NULL THEN 1 END)" : "COUNT(*)";
    }
}
