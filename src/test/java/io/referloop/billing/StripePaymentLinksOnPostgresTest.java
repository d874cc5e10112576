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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.referloop.billing.InstanceTransactions.inOneTransaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link StripePaymentLinksContract} on PostgreSQL, each instance with a pool of its own on one schema; and the race
 * as it happens there, where an insert waits for the other instance's uncommitted link.
 */
@ExtendWith(PostgresAvailable.class)
class StripePaymentLinksOnPostgresTest extends StripePaymentLinksContract {

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
    void anEventWaitingOnTheSameLinkFromAnotherInstanceCommitsOnceThatOneDoes() throws Exception {
        DataSource other = instance();
        DataSourceTransactionManager otherTransactions = new DataSourceTransactionManager(other);
        TransactionStatus otherEvent = otherTransactions.getTransaction(new DefaultTransactionDefinition());
        links(other).record(PAYMENT, NOW.minusSeconds(1));

        DataSource ours = instance();
        AtomicInteger ourBackend = new AtomicInteger();
        CompletableFuture<Void> ourEvent = CompletableFuture.runAsync(() -> inOneTransaction(ours, () -> {
            ourBackend.set(JdbcClient.create(ours).sql("SELECT pg_backend_pid()").query(Integer.class).single());
            links(ours).record(PAYMENT, NOW);
            links(ours).record(OTHER_PAYMENT, NOW);
        }));
        await().atMost(Duration.ofSeconds(30)).until(() -> database.waitsForALock(ourBackend.get()));
        otherTransactions.commit(otherEvent);

        ourEvent.get(30, TimeUnit.SECONDS);
        StripePaymentLinks reader = links(instance());
        assertThat(reader.withLinked(List.of("pi_2"))).as("the rest of our event, committed")
                .containsExactly("pi_2", "in_2");
        assertThat(recordedAt("pi_1")).as("the other instance's link, kept").containsExactly(NOW.minusSeconds(1));
    }
}
