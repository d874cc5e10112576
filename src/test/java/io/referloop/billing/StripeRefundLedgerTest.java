package io.referloop.billing;

import io.referloop.support.MigratedH2;
import org.junit.jupiter.api.AfterEach;

import javax.sql.DataSource;

/** {@link StripeRefundLedgerContract} on H2, the default database. */
class StripeRefundLedgerTest extends StripeRefundLedgerContract {

    private final MigratedH2 database = new MigratedH2("stripe-refunds");

    @Override
    DataSource instance() {
        return database.dataSource();
    }

    @AfterEach
    void close() {
        database.close();
    }
}
