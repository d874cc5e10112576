package io.referloop.ingest;

import io.referloop.support.MigratedH2;
import org.junit.jupiter.api.AfterEach;

import javax.sql.DataSource;

/** {@link InboxGiveBackContract} on H2, the default database. */
class InboxGiveBackTest extends InboxGiveBackContract {

    private final MigratedH2 database = new MigratedH2("inbox-give-back");

    @Override
    DataSource database() {
        return database.dataSource();
    }

    @AfterEach
    void close() {
        database.close();
    }
}
