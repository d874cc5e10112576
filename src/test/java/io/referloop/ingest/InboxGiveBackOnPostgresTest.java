package io.referloop.ingest;

import io.referloop.support.PostgresAvailable;
import io.referloop.support.PostgresInstances;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;

/** {@link InboxGiveBackContract} on PostgreSQL, on a schema of its own. */
@ExtendWith(PostgresAvailable.class)
class InboxGiveBackOnPostgresTest extends InboxGiveBackContract {

    private final PostgresInstances database = new PostgresInstances();

    @Override
    DataSource database() {
        return database.instance();
    }

    @AfterEach
    void close() {
        database.close();
    }
}
