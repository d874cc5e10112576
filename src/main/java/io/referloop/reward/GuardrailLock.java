package io.referloop.reward;

import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Serialises reward decisions across threads and instances sharing the database. A conversion of one
 * advocate can arrive at the same moment from Stripe, Chargebee, a HubSpot deal and a Salesforce
 * opportunity; counting the month's rewards and spending and then inserting is only safe while no other
 * decision runs, so each decision first locks one row (held until its transaction ends).
 */
@Repository
class GuardrailLock {

    private final JdbcClient jdbc;

    GuardrailLock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * An update that changes nothing locks the row as {@code SELECT ... FOR UPDATE} does, until the transaction ends,
     * on H2 and PostgreSQL alike; H2 parses a {@code FOR UPDATE} again on every call (it keeps no such statement in
     * its statement cache), and a Stripe payment takes this lock once per event.
     */
    void lock() {
        int locked = jdbc.sql("UPDATE guardrail_lock SET name = name WHERE name = 'rewards'").update();
        if (locked != 1) {
            throw new IncorrectResultSizeDataAccessException("the guardrail lock row 'rewards' is missing", 1, locked);
        }
    }
}
