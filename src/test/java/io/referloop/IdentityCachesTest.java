package io.referloop;

import io.referloop.support.SharedContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On H2 every identity column hands out ids from a cache of 1,000: with H2's default of 32, each refill wrote the
 * store to disk, a fifth of the inbox drain's time in a burst. Checked on the connector's own migrations, as
 * {@code spring.flyway.locations} applies them.
 */
@SharedContext
class IdentityCachesTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyIdentityColumnOnH2CachesAThousandIds() {
        List<Map<String, Object>> identities = jdbc.sql("""
                SELECT TABLE_NAME, IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS
                WHERE TABLE_SCHEMA = 'PUBLIC' AND IS_IDENTITY = 'YES'""").query().listOfRows();

        assertThat(identities).as("identity columns").hasSizeGreaterThanOrEqualTo(11);
        assertThat(identities).allSatisfy(column -> assertThat(((Number) column.get("IDENTITY_CACHE")).longValue())
                .as("the id cache of %s", column.get("TABLE_NAME")).isEqualTo(1_000L));
    }
}
