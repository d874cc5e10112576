package io.referloop.billing;

import io.referloop.support.PostgresAvailable;
import io.referloop.support.PostgresInstances;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.referloop.billing.InstanceTransactions.inOneTransaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link StripeRefundLedgerContract} on PostgreSQL, each instance with a pool of its own on one schema; and the race
 * as it happens there, where an insert waits for the other instance's uncommitted refund.
 */
@ExtendWith(PostgresAvailable.class)
class StripeRefundLedgerOnPostgresTest extends StripeRefundLedgerContract {

    private final PostgresInstances database = new PostgresInstances();

    @Override
    DataSource instance() {
        return database.instance();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anEventWaitingOnTheSameRefundFromAnotherInstanceCommitsOnceThatOneDoesAndSeesItsStatus() throws Exception {
        DataSource other = instance();
        DataSourceTransactionManager otherTransactions = new DataSourceTransactionManager(other);
        TransactionStatus otherEvent = otherTransactions.getTransaction(new DefaultTransactionDefinition());
        ledger(other).record(FAILED, NOW.minusSeconds(1));

        DataSource ours = instance();
        AtomicInteger ourBackend = new AtomicInteger();
        CompletableFuture<String> ourEvent = CompletableFuture.supplyAsync(() -> {
            String[] kept = new String[1];
            inOneTransaction(ours, () -> {
                ourBackend.set(JdbcClient.create(ours).sql("SELECT pg_backend_pid()").query(Integer.class).single());
                kept[0] = ledger(ours).record(CREATED, NOW);
                ledger(ours).record(OTHER_REFUND, NOW);
            });
            return kept[0];
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> database.waitsForALock(ourBackend.get()));
        otherTransactions.commit(otherEvent);

        assertThat(ourEvent.get(30, TimeUnit.SECONDS)).as("what our event is told: the refund was known, and failed")
                .isEqualTo("failed");
        assertThat(statusOf("re_1")).isEqualTo("failed");
        assertThat(ledger(instance()).refundedOf("ch_2", "pi_2", "USD")).as("the rest of our event, committed")
                .isEqualTo(700L);
    }
}
