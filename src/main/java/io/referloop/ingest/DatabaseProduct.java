package io.referloop.ingest;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

import javax.sql.DataSource;
import java.sql.DatabaseMetaData;

/**
 * Which database a data source reaches, asked once: the few statements that differ between H2 and PostgreSQL (a
 * claim's locking, an insert that skips a row another instance wrote) pick their form by it.
 */
public final class DatabaseProduct {

    private final DataSource dataSource;
    private volatile Boolean h2;

    public DatabaseProduct(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public boolean isH2() {
        Boolean known = h2;
        if (known == null) {
            try {
                known = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName).equals("H2");
            } catch (MetaDataAccessException e) {
                throw new IllegalStateException("cannot tell which database Referloop is connected to", e);
            }
            h2 = known;
        }
        return known;
    }
}
