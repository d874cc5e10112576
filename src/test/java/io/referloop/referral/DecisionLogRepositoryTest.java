package io.referloop.referral;

import io.referloop.support.FixedClock;
import io.referloop.support.RepositorySlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@RepositorySlice
class DecisionLogRepositoryTest {

    @Autowired
    DecisionLog decisions;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aDecisionIsKeptWithItsRuleOutcomeInputsAndTime() {
        decisions.record(7L, 3L, "grace@acme.com", "attribution-by-code", "attributed",
                Map.of("code", "ADA12345", "windowDays", 30));

        assertThat(decisions.forReferral(7L)).singleElement().satisfies(decision -> {
            assertThat(decision.referralId()).isEqualTo(7L);
            assertThat(decision.advocateId()).isEqualTo(3L);
            assertThat(decision.subject()).isEqualTo("grace@acme.com");
            assertThat(decision.rule()).isEqualTo("attribution-by-code");
            assertThat(decision.outcome()).isEqualTo("attributed");
            assertThat(decision.inputs()).containsExactlyInAnyOrderEntriesOf(Map.of("code", "ADA12345", "windowDays", 30));
            assertThat(decision.decidedAt()).isEqualTo(FixedClock.NOW);
        });
    }

    @Test
    void aReferralsDecisionsComeInTheOrderTheyWereTaken() {
        decisions.record(7L, 3L, "grace@acme.com", "attribution-by-code", "attributed", Map.of());
        decisions.record(7L, 3L, "reward:1", "review", "held", Map.of());
        decisions.record(7L, 3L, "reward:1", "review", "approved", Map.of());

        assertThat(decisions.forReferral(7L)).extracting(Decision::outcome)
                .containsExactly("attributed", "held", "approved");
    }

    @Test
    void anotherReferralsDecisionsAreNotListed() {
        decisions.record(7L, 3L, "grace@acme.com", "attribution-by-code", "attributed", Map.of());
        decisions.record(8L, 3L, "alan@acme.com", "attribution-by-code", "rejected", Map.of());

        assertThat(decisions.forReferral(8L)).extracting(Decision::subject).containsExactly("alan@acme.com");
    }

    @Test
    void aDecisionAboutAnAdvocateAloneNeedsNoReferral() {
        decisions.record(null, 3L, "ada@example.com", "advocate-status", "disabled", Map.of("reason", "fraud"));

        assertThat(jdbc.sql("SELECT COUNT(*) FROM decision_log WHERE referral_id IS NULL AND advocate_id = 3")
                .query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void inputsThatAreNoLongerReadableAreShownAsTheyAre() {
        jdbc.sql("""
                INSERT INTO decision_log (referral_id, advocate_id, subject, rule, outcome, inputs, decided_at)
                VALUES (9, 3, 'grace@acme.com', 'legacy', 'attributed', 'code=ADA', ?)""")
                .param(Timestamp.from(FixedClock.NOW)).update();

        assertThat(decisions.forReferral(9L)).singleElement()
                .satisfies(decision -> assertThat(decision.inputs()).containsExactly(Map.entry("unreadable", "code=ADA")));
    }
}
