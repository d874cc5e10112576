package io.referloop.billing;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

/** An event's work on one instance's pool, committed or rolled back whole, as the connector handles an event. */
final class InstanceTransactions {

    private InstanceTransactions() {
    }

    static void inOneTransaction(DataSource instance, Runnable work) {
        new TransactionTemplate(new DataSourceTransactionManager(instance)).executeWithoutResult(tx -> work.run());
    }
}
