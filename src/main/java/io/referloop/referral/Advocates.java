package io.referloop.referral;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

@Repository
public class Advocates {

    private static final RowMapper<Advocate> ROW = (rs, i) -> new Advocate(rs.getLong("id"), rs.getString("code"),
            rs.getString("email"), rs.getString("name"), rs.getString("crm"), rs.getString("crm_contact_id"),
            rs.getString("status"), rs.getString("enrolled_by"), rs.getTimestamp("created_at").toInstant());

    private final JdbcClient jdbc;
    private final ReferralCodes codes;
    private final Clock clock;

    public Advocates(JdbcClient jdbc, ReferralCodes codes, Clock clock) {
        this.jdbc = jdbc;
        this.codes = codes;
        this.clock = clock;
    }

    /** Creates an advocate with a fresh code; a code collision (one in a trillion) draws again. */
    public Advocate enrol(String email, String name, String crm, String crmContactId, String enrolledBy) {
        for (int attempt = 0; ; attempt++) {
            String code = codes.next();
            try {
                GeneratedKeyHolder key = new GeneratedKeyHolder();
                jdbc.sql("""
                        INSERT INTO advocate (code, email, name, crm, crm_contact_id, status, enrolled_by, created_at)
                        VALUES (:code, :email, :name, :crm, :contactId, :status, :by, :now)""")
                        .param("code", code).param("email", email).param("name", name).param("crm", crm)
                        .param("contactId", crmContactId).param("status", Advocate.ACTIVE).param("by", enrolledBy)
                        .param("now", Timestamp.from(Instant.now(clock)))
                        .update(key, "id");
                return byId(key.getKey().longValue()).orElseThrow();
            } catch (DuplicateKeyException e) {
                if (byEmail(email).isPresent() || attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    public Optional<Advocate> byId(long id) {
        return jdbc.sql("SELECT * FROM advocate WHERE id = ?").param(id).query(ROW).optional();
    }

    public Optional<Advocate> byCode(String code) {
        return jdbc.sql("SELECT * FROM advocate WHERE code = ?").param(code).query(ROW).optional();
    }

    public Optional<Advocate> byEmail(String email) {
        return jdbc.sql("SELECT * FROM advocate WHERE email = ?").param(email).query(ROW).optional();
    }

    public Optional<Advocate> byContact(String crm, String contactId) {
        return jdbc.sql("SELECT * FROM advocate WHERE crm = ? AND crm_contact_id = ?")
                .param(crm).param(contactId).query(ROW).optional();
    }

    /** Sets the status only if it still is what the caller read: two admins acting at once cannot both win. */
    boolean changeStatus(Advocate advocate, String status, String by, String reason, Instant at) {
        return jdbc.sql("""
                UPDATE advocate SET status = ?, status_changed_by = ?, status_changed_at = ?, status_reason = ?
                WHERE id = ? AND status = ?""")
                .params(status, by, Timestamp.from(at), reason, advocate.id(), advocate.status()).update() == 1;
    }

    public Advocate linkContact(Advocate advocate, String crm, String contactId, String name) {
        jdbc.sql("UPDATE advocate SET crm = ?, crm_contact_id = ?, name = COALESCE(name, ?) WHERE id = ?")
                .param(crm).param(contactId).param(name).param(advocate.id()).update();
        return byId(advocate.id()).orElseThrow();
    }
}
