package io.referloop.referral;

import io.referloop.support.FixedClock;
import io.referloop.support.H2Plans;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queries run once per attribution read the advocate's or the company's referrals only, however many referrals
 * the programme has: on H2 (the default database), a condition on {@code company_referral_id IS NULL} in the WHERE
 * clause made the planner read that column's index, every referral but the colleagues', once the table's statistics
 * said that index was selective (H2 gathers them by itself as a table grows). Checked with H2's
 * {@code EXPLAIN ANALYZE}, which counts the rows each query read, on a migrated database of its own whose statistics
 * are gathered (which commits, so not in the repository tests' rolled-back slice).
 */
class ReferralQueryPlansTest {

    /** As in a programme of a few busy advocates: each index on advocate_id matches many rows. */
    private static final int ADVOCATES = 10;
    private static final int REFERRALS_EACH = 100;
    private static final int ALL = ADVOCATES * REFERRALS_EACH;

    private static JdbcClient jdbc;
    private static long advocate;

    @BeforeAll
    static void aProgrammeWithManyReferralsOfOthers() {
        SingleConnectionDataSource database = new SingleConnectionDataSource(
                "jdbc:h2:mem:plans-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", true);
        Flyway.configure().dataSource(database).load().migrate();
        jdbc = JdbcClient.create(database);
        Advocates advocates = new Advocates(jdbc, new ReferralCodes(), Clock.fixed(FixedClock.NOW, ZoneOffset.UTC));
        Referrals referrals = new Referrals(jdbc);
        for (int a = 0; a < ADVOCATES; a++) {
            advocate = advocates.enrol("advocate" + a + "@example.com", "Advocate " + a, null, null, "admin").id();
            // half of them colleagues, each joining the referral of their company before them
            Long company = null;
            for (int i = 0; i < REFERRALS_EACH; i++) {
                String domain = "company" + a + "-" + (i / 2) + ".io";
                Referral made = referrals.create(advocate, "friend" + i + "@" + domain, domain, "hubspot", a + "-" + i,
                        company == null ? Referral.Attribution.code : Referral.Attribution.domain,
                        Referral.Status.converted, company, FixedClock.NOW);
                company = company == null ? made.id() : null;
            }
        }
        jdbc.sql("ANALYZE").update();
    }

    @Test
    void countingAnAdvocatesReferralsReadsTheirsOnly() {
        assertThat(rowsRead(Referrals.countAttributed(false), advocate)).isLessThanOrEqualTo(REFERRALS_EACH + 1);
        assertThat(rowsRead(Referrals.countAttributed(true), advocate)).isLessThanOrEqualTo(REFERRALS_EACH + 1);
        assertThat(rowsRead(Referrals.countConverted(false), advocate)).isLessThanOrEqualTo(REFERRALS_EACH + 1);
        assertThat(rowsRead(Referrals.countConverted(true), advocate)).isLessThanOrEqualTo(REFERRALS_EACH + 1);
    }

    @Test
    void countingAnAdvocatesReferralsNeedsNoRowOfTheTable() {
        // H2 answers from an index alone when the index holds every column the query uses (about six times faster
        // for a busy advocate): the advocate, the status and whether the referral is a colleague's
        for (String count : List.of(Referrals.countAttributed(true), Referrals.countConverted(true))) {
            String plan = jdbc.sql("EXPLAIN " + count).param(advocate).query(String.class).single();
            assertThat(plan).as("the index the count reads").contains("IX_REFERRAL_ADVOCATE");
        }
        assertThat(jdbc.sql("""
                SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS
                WHERE INDEX_NAME = 'IX_REFERRAL_ADVOCATE' ORDER BY ORDINAL_POSITION""").query(String.class).list())
                .containsExactly("ADVOCATE_ID", "STATUS", "COMPANY_REFERRAL_ID");
    }

    @Test
    void findingTheCompanysReferralReadsThatDomainsOnly() {
        assertThat(rowsRead(Referrals.DECIDED_FOR_COMPANY, "company0-0.io")).as("the domain has two referrals").isLessThanOrEqualTo(3);
    }

    @Test
    void aColleaguesConditionAsAFilterWouldReadTheWholeProgramme() {
        // the trap itself, so that this test notices if H2 stops falling into it (and the workarounds could go)
        assertThat(rowsRead("SELECT COUNT(*) FROM referral WHERE advocate_id = ? AND company_referral_id IS NULL",
                advocate)).as("every referral but the colleagues'").isGreaterThanOrEqualTo(ALL / 2);
    }

    private int rowsRead(String sql, Object parameter) {
        return H2Plans.rowsRead(jdbc, sql, List.of(parameter));
    }
}
