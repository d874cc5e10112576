package io.referloop.ingest;

import io.referloop.support.SharedContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Two instances sharing one database: one holds the poller lease at a time. */
@SharedContext
class ClusterLockTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void onlyOneInstanceHoldsTheLeaseUntilItRunsOut() throws InterruptedException {
        ClusterLock first = new ClusterLock(jdbc, Clock.systemUTC());
        ClusterLock second = new ClusterLock(jdbc, Clock.systemUTC());
        String name = "poller-" + UUID.randomUUID();

        assertThat(first.tryAcquire(name, Duration.ofMillis(300))).isTrue();
        assertThat(second.tryAcquire(name, Duration.ofMillis(300))).isFalse();
        assertThat(first.tryAcquire(name, Duration.ofMillis(300))).as("the holder renews").isTrue();

        Thread.sleep(400);
        assertThat(second.tryAcquire(name, Duration.ofSeconds(10))).as("taken over once it ran out").isTrue();
        assertThat(first.tryAcquire(name, Duration.ofSeconds(10))).isFalse();
    }

    @Test
    void aReleasedLeaseIsFreeAtOnce() {
        ClusterLock first = new ClusterLock(jdbc, Clock.systemUTC());
        ClusterLock second = new ClusterLock(jdbc, Clock.systemUTC());
        String name = "poller-" + UUID.randomUUID();
        first.tryAcquire(name, Duration.ofMinutes(5));
        first.release(name);
        assertThat(second.tryAcquire(name, Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void aLeaseAskedForOnEveryRunIsRenewedInTheDatabaseOnlyOnceHalfOfItPassed() throws InterruptedException {
        ClusterLock lock = new ClusterLock(jdbc, Clock.systemUTC());
        String name = "writer-" + UUID.randomUUID();
        assertThat(lock.holdOrRenew(name, Duration.ofMillis(600))).isTrue();
        Object firstUntil = lockedUntil(name);

        assertThat(lock.holdOrRenew(name, Duration.ofMillis(600))).isTrue();
        assertThat(lockedUntil(name)).as("not written again").isEqualTo(firstUntil);

        Thread.sleep(350);
        assertThat(lock.holdOrRenew(name, Duration.ofMillis(600))).isTrue();
        assertThat(lockedUntil(name)).as("renewed past half the lease").isNotEqualTo(firstUntil);
        assertThat(new ClusterLock(jdbc, Clock.systemUTC()).holdOrRenew(name, Duration.ofMillis(600))).isFalse();
    }

    private Object lockedUntil(String name) {
        return jdbc.sql("SELECT locked_until FROM cluster_lock WHERE name = ?").param(name).query().singleValue();
    }
}
