package io.referloop.ingest;

import io.referloop.support.PostgresAvailable;
import io.referloop.support.PostgresInstances;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;

/** {@link SharedQuotaContract} on PostgreSQL: each instance with a pool of its own on one schema. */
@ExtendWith(PostgresAvailable.class)
class SharedQuotaOnPostgresTest extends SharedQuotaContract {

    private final PostgresInstances database = new PostgresInstances();

    @Override
    DataSource instance() {
        return database.instance();
    }

    @AfterEach
    void close() {
        database.close();
    }
}
