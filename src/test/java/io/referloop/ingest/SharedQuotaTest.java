package io.referloop.ingest;

import io.referloop.support.MigratedH2;
import org.junit.jupiter.api.AfterEach;

import javax.sql.DataSource;

/** {@link SharedQuotaContract} on H2, the default database. */
class SharedQuotaTest extends SharedQuotaContract {

    private final MigratedH2 database = new MigratedH2("shared-quota");

    @Override
    DataSource instance() {
        return database.dataSource();
    }

    @AfterEach
    void close() {
        database.close();
    }
}
