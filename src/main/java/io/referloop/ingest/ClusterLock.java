package io.referloop.ingest;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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
    private final Map<String, Instant> renewedAt = new ConcurrentHashMap<>();

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

    /**
     * As {@link #tryAcquire}, for callers that ask on every run: a lease this instance holds is renewed in the
     * database only once half of it has passed. Asking the database each time would add a commit per run, and on H2
     * every commit waits for the disk that acknowledged webhooks wait for too.
     */
    public boolean holdOrRenew(String name, Duration lease) {
        Instant renewed = renewedAt.get(name);
        if (renewed != null && clock.instant().isBefore(renewed.plus(lease.dividedBy(2)))) {
            return true;
        }
        Instant now = clock.instant();
        if (tryAcquire(name, lease)) {
            renewedAt.put(name, now);
            return true;
        }
        renewedAt.remove(name);
        return false;
    }

    /**
     * Frees every lease, whoever holds it; returns how many were held. Only for a database no other instance can
     * reach ({@link EmbeddedDatabaseTakeover}): elsewhere a lease runs out, or its holder hands it back.
     */
    public int freeAll() {
        renewedAt.clear();
        return jdbc.sql("UPDATE cluster_lock SET locked_until = ? WHERE locked_until > ?")
                .params(Timestamp.from(Instant.EPOCH), Timestamp.from(clock.instant())).update();
    }

    public void release(String name) {
        renewedAt.remove(name);
        jdbc.sql("UPDATE cluster_lock SET locked_until = ? WHERE name = ? AND owner = ?")
                .params(Timestamp.from(Instant.EPOCH), name, owner).update();
    }
}
