package io.referloop.billing;

import io.referloop.support.MigratedH2;
import org.junit.jupiter.api.AfterEach;

import javax.sql.DataSource;

/** {@link StripePaymentLinksContract} on H2, the default database. */
class StripePaymentLinksTest extends StripePaymentLinksContract {

    private final MigratedH2 database = new MigratedH2("stripe-links");

    @Override
    DataSource instance() {
        return database.dataSource();
    }

    @AfterEach
    void close() {
        database.close();
    }
}
