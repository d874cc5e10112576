package io.referloop;

import io.referloop.support.PostgresAvailable;
import io.referloop.support.PostgresInstances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL the identity sequences keep a cache of one: PostgreSQL caches per connection, so a larger cache would
 * hand out ids out of the order the rows arrived in, and the inbox is claimed in id order.
 */
@ExtendWith(PostgresAvailable.class)
class IdentityCachesOnPostgresTest {

    @Test
    void identitySequencesOnPostgresHandOutIdsOneAtATime() {
        try (PostgresInstances database = new PostgresInstances()) {
            JdbcClient jdbc = JdbcClient.create(database.instance());

            List<Long> caches = jdbc.sql("SELECT cache_size FROM pg_sequences WHERE schemaname = current_schema()")
                    .query(Long.class).list();

            assertThat(caches).as("identity sequences").hasSizeGreaterThanOrEqualTo(11).containsOnly(1L);
        }
    }
}
