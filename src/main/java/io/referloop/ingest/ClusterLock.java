package io.referloop.ingest;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A lease in the database: the instance holding {@code name} renews it while it works; another
 * instance takes it over only once it has run out. Camel's cluster services have no JDBC flavour,
 * and this needs nothing beyond the database every instance already shares.
 */
@Component
public class ClusterLock {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();

    public ClusterLock(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public String owner() {
        return owner;
    }

    /** Takes or renews the lease; false when another live instance holds it. */
    public boolean tryAcquire(String name, Duration lease) {
        Instant now = clock.instant();
        Timestamp until = Timestamp.from(now.plus(lease));
        int updated = jdbc.sql("UPDATE cluster_lock SET owner = ?, locked_until = ? WHERE name = ? AND (owner = ? OR locked_until < ?)")
                .params(owner, until, name, owner, Timestamp.from(now)).update();
        if (updated == 1) {
            return true;
        }
        try {
            jdbc.sql("INSERT INTO cluster_lock (name, owner, locked_until) VALUES (?, ?, ?)").params(name, owner, until).update();
            return true;
        } catch (DuplicateKeyException held) {
            return false;
        }
    }

    public void release(String name) {
        jdbc.sql("UPDATE cluster_lock SET locked_until = ? WHERE name = ? AND owner = ?")
                .params(Timestamp.from(Instant.EPOCH), name, owner).update();
    }
}
