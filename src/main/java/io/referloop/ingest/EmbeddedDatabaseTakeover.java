package io.referloop.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.DatabaseMetaData;
import java.util.Locale;

/**
 * On the embedded H2 file database the connector is alone: H2 locks the file, so no other process can hold a lease
 * or a claim in it. What the tables still show as held was left by this connector's own previous run, killed before
 * it could hand it back. It is taken back at start, before the routes run: a restart after a crash then writes to
 * the CRM and delivers events at once, instead of waiting out the leases (two minutes) and the inbox claims it left.
 * With a shared database (PostgreSQL, or H2 over TCP or with AUTO_SERVER) another instance may be at work, so
 * nothing is touched there: leases and claims run out as usual.
 */
@Component
class EmbeddedDatabaseTakeover implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseTakeover.class);

    private final DataSource dataSource;
    private final ClusterLock leases;
    private final Inbox inbox;

    EmbeddedDatabaseTakeover(DataSource dataSource, ClusterLock leases, Inbox inbox) {
        this.dataSource = dataSource;
        this.leases = leases;
        this.inbox = inbox;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!alone(url())) {
            return;
        }
        int freed = leases.freeAll();
        int claims = inbox.endAllClaims();
        if (freed + claims > 0) {
            log.info("Took back what the previous run left held in the embedded database: {} leases, {} inbox claims",
                    freed, claims);
        }
    }

    /** Whether a database URL is an H2 file only this process can open. */
    static boolean alone(String url) {
        if (url == null) {
            return false;
        }
        String u = url.toLowerCase(Locale.ROOT);
        return u.startsWith("jdbc:h2:") && !u.startsWith("jdbc:h2:mem:") && !u.startsWith("jdbc:h2:tcp:")
                && !u.startsWith("jdbc:h2:ssl:") && !u.contains("auto_server=true");
    }

    private String url() {
        try {
            return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getURL);
        } catch (Exception e) {
            log.debug("Database URL unknown, leases left as they are: {}", e.getMessage());
            return null;
        }
    }
}
