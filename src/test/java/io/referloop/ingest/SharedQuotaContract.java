package io.referloop.ingest;

import io.referloop.support.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of one quota on one database (as two connectors would have), on a clock the test moves: waiting for
 * a slot moves the clock to it, so every moment a permit is handed out is known exactly.
 */
abstract class SharedQuotaContract {

    static final int LIMIT = 10;
    static final Duration WINDOW = Duration.ofSeconds(10);

    /** A pool of its own on the one shared database, as another instance would have. */
    abstract DataSource instance();

    final MovableClock clock = new MovableClock();

    /** The clock in epoch microseconds, the unit SharedQuota hands out permits in. */
    long micros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
    }

    SharedQuota quota(int slotsPerClaim) {
        DataSource pool = instance();
        return new SharedQuota("hubspot", LIMIT, WINDOW, slotsPerClaim,
                org.springframework.jdbc.core.simple.JdbcClient.create(pool),
                new TransactionTemplate(new DataSourceTransactionManager(pool)), clock,
                (until, c) -> clock.advanceTo(Instant.EPOCH.plus(until, ChronoUnit.MICROS)));
    }

    @Test
    void twoInstancesNeverHandOutMoreThanTheLimitInAnyRollingWindow() throws Exception {
        SharedQuota a = quota(4);
        SharedQuota b = quota(4);
        Random random = new Random(42);
        List<Long> granted = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            // idle stretches now and then, so that both calm and busy spells are covered
            if (random.nextInt(10) == 0) {
                clock.advance(Duration.of(random.nextInt(15_000_000), ChronoUnit.MICROS));
            }
            (random.nextBoolean() ? a : b).acquire();
            granted.add(micros());
        }
        long window = TimeUnit.NANOSECONDS.toMicros(WINDOW.toNanos());
        for (int i = 0; i < granted.size(); i++) {
            long start = granted.get(i);
            long inWindow = granted.stream().filter(t -> t >= start && t < start + window).count();
            assertThat(inWindow).as("permits in the 10 s from %d", start).isLessThanOrEqualTo(LIMIT);
        }
        assertThat(a.granted() + b.granted()).isEqualTo(120);
    }

    @Test
    void busyInstancesTogetherGetTheWholeLimitAndNoMore() throws Exception {
        SharedQuota a = quota(1);
        SharedQuota b = quota(1);
        long start = micros();
        for (int i = 0; i < 3 * LIMIT; i++) {
            (i % 2 == 0 ? a : b).acquire();
        }
        // one permit each 10 s / 9, rounded up to the microsecond: 30 permits span 29 spacings
        assertThat(micros() - start).isEqualTo(29 * a.spacing().toNanos() / 1_000);
        assertThat(a.spacing()).isEqualTo(Duration.ofNanos(1_111_112_000));
    }

    @Test
    void slotsTakenSeveralAtATimeKeepTheOtherInstanceBehindThem() {
        SharedQuota a = quota(4);
        SharedQuota b = quota(4);
        long spacing = a.spacing().toNanos() / 1_000;
        long first = a.reserve(4);
        assertThat(first).isEqualTo(micros());
        assertThat(b.reserve(1)).isEqualTo(first + 4 * spacing);
        assertThat(a.reserve(2)).isEqualTo(first + 5 * spacing);
    }

    @Test
    void idleTimeIsNotSavedUpForABurst() throws Exception {
        SharedQuota a = quota(4);
        SharedQuota b = quota(4);
        long first = a.reserve(1);
        clock.advance(Duration.ofSeconds(30));
        b.acquire();
        // after 30 s idle the next permit comes at once, but the one after it still one spacing later
        assertThat(micros()).isEqualTo(first + 30_000_000);
        a.acquire();
        assertThat(micros()).isEqualTo(first + 30_000_000 + a.spacing().toNanos() / 1_000);
    }
}
