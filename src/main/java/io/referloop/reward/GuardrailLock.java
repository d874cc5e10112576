package io.referloop.reward;

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

    void lock() {
        jdbc.sql("SELECT name FROM guardrail_lock WHERE name = 'rewards' FOR UPDATE").query(String.class).single();
    }
}
