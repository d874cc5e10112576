package io.referloop.reward;

import io.referloop.support.PostgresAvailable;
import io.referloop.support.PostgresInstances;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Instances sharing one PostgreSQL database order each due reward once between them, and all of them order. */
@ExtendWith(PostgresAvailable.class)
class RewardClaimsAcrossInstancesOnPostgresIT {

    private static final int REWARDS = 300;

    private final PostgresInstances database = new PostgresInstances();

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void eachDueRewardIsClaimedByOneInstanceAndBothClaim() {
        DataSource firstPool = database.instance();
        seedIssuingRewards(JdbcClient.create(firstPool), REWARDS);
        Rewards first = rewards(firstPool);
        Rewards second = rewards(database.instance());
        Map<Long, String> claimedBy = new ConcurrentHashMap<>();
        List<Long> twice = java.util.Collections.synchronizedList(new ArrayList<>());

        List<CompletableFuture<Void>> issuers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            issuers.add(issuer(first, "first", claimedBy, twice));
            issuers.add(issuer(second, "second", claimedBy, twice));
        }
        issuers.forEach(CompletableFuture::join);

        assertThat(twice).as("claimed twice").isEmpty();
        assertThat(claimedBy).hasSize(REWARDS);
        assertThat(claimedBy.values()).contains("first", "second");
    }

    @Test
    void aRewardClaimedByAnInstanceThatDiedIsClaimedAgainOnceTheLeaseRanOut() throws InterruptedException {
        DataSource firstPool = database.instance();
        seedIssuingRewards(JdbcClient.create(firstPool), 1);
        Rewards dying = rewards(firstPool);
        Rewards survivor = rewards(database.instance());
        Optional<Long> lost = dying.claimNext(Instant.now(), Instant.now().plusSeconds(1));

        assertThat(survivor.claimNext(Instant.now(), Instant.now().plusSeconds(60))).as("still leased").isEmpty();
        Thread.sleep(1_500);
        assertThat(survivor.claimNext(Instant.now(), Instant.now().plusSeconds(60))).isEqualTo(lost);
    }

    private static CompletableFuture<Void> issuer(Rewards rewards, String name, Map<Long, String> claimedBy, List<Long> twice) {
        return CompletableFuture.runAsync(() -> {
            Optional<Long> claimed;
            while ((claimed = rewards.claimNext(Instant.now(), Instant.now().plus(Duration.ofMinutes(5)))).isPresent()) {
                if (claimedBy.putIfAbsent(claimed.get(), name) != null) {
                    twice.add(claimed.get());
                }
            }
        });
    }

    private static Rewards rewards(DataSource pool) {
        return new Rewards(JdbcClient.create(pool), new TransactionTemplate(new DataSourceTransactionManager(pool)));
    }

    /** Approved rewards waiting to be ordered, each for its own referral. */
    private static void seedIssuingRewards(JdbcClient jdbc, int count) {
        jdbc.sql("""
                INSERT INTO advocate (code, email, status, enrolled_by, created_at)
                VALUES ('A1', 'advocate@example.com', 'active', 'manual', now())""").update();
        jdbc.sql("""
                INSERT INTO referral (advocate_id, referred_email, status, registered_at)
                SELECT (SELECT id FROM advocate), 'friend' || x || '@example.com', 'converted', now()
                FROM generate_series(1, ?) x""").param(count).update();
        jdbc.sql("""
                INSERT INTO reward (referral_id, advocate_id, beneficiary, recipient_email, amount, currency, status,
                                    idempotency_key, next_attempt_at, created_at)
                SELECT id, advocate_id, 'advocate', 'advocate@example.com', 50, 'USD', 'ISSUING', 'RL' || id,
                       now() - interval '1 second', now()
                FROM referral""").update();
    }
}
