package io.referloop.support;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many rows a statement read on H2, from its {@code EXPLAIN ANALYZE}: each table scan in the plan reports its
 * {@code scanCount}. Tests that guard a query's plan use it on a migrated database of their own with many rows.
 */
public final class H2Plans {

    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    private H2Plans() {
    }

    public static int rowsRead(JdbcClient jdbc, String sql, List<?> parameters) {
        String plan = jdbc.sql("EXPLAIN ANALYZE " + sql).params(parameters).query(String.class).single();
        assertThat(plan).as("H2 reports the rows read").contains("scanCount");
        Matcher scans = SCAN_COUNT.matcher(plan);
        int read = 0;
        while (scans.find()) {
            read += Integer.parseInt(scans.group(1));
        }
        return read;
    }
}
