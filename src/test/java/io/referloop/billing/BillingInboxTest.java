package io.referloop.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.ingest.Inbox;
import io.referloop.ingest.InboxEvent;
import io.referloop.ingest.InboxProperties;
import io.referloop.reward.RewardService;
import io.referloop.support.MigratedH2;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

/**
 * A claimed batch of billing events on a real inbox: settled in one transaction with its rows marked together; when
 * one event fails, it alone waits for its retry while the batch's others are settled as they would be alone.
 */
class BillingInboxTest {

    private static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");

    private final MigratedH2 database = new MigratedH2("billing-inbox");
    private final TransactionTemplate transaction =
            new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
    private final Inbox inbox = spy(new Inbox(database.jdbc(), new JdbcTemplate(database.dataSource()), transaction,
            new InboxProperties(100, Duration.ofMinutes(2), 50, Duration.ofDays(7), 1000, Duration.ZERO), Clock.fixed(NOW, ZoneOffset.UTC)));
    private final RewardService rewards = mock(RewardService.class);
    private final BillingInbox billing = new BillingInbox(inbox, rewards, mock(StripeEventHandler.class),
            mock(UnmatchedRefunds.class), transaction, new ObjectMapper(),
            new ChargebeeEventCheck(new ChargebeeProperties(null, null, null, null, null), null, null));

    @AfterEach
    void close() {
        inbox.destroy();
        database.close();
    }

    @Test
    void aBatchIsSettledWithItsUsedEventsMarkedDoneTogether() {
        store("ev_1", "payment_succeeded", "ada@initech.com");
        store("ev_2", "payment_succeeded", "grace@acme.com");
        store("ev_3", "subscription_created", "linus@globex.com");
        store("ev_4", "payment_succeeded", "alan@hooli.com");
        List<InboxEvent> claimed = inbox.claim("chargebee");

        billing.process(claimed);

        assertThat(row("ev_1")).containsEntry("STATUS", Inbox.DONE);
        assertThat(row("ev_2")).containsEntry("STATUS", Inbox.DONE);
        assertThat(row("ev_3")).containsEntry("STATUS", Inbox.IGNORED)
                .containsEntry("LAST_ERROR", "event type not used by Referloop");
        assertThat(row("ev_4")).containsEntry("STATUS", Inbox.DONE);
        verify(inbox).markDone(List.of(claimed.get(0).id(), claimed.get(1).id(), claimed.get(3).id()));
    }

    @Test
    void anEventThatFailsWaitsForItsRetryWhileTheOthersAreSettled() {
        doThrow(new IllegalStateException("reward table locked"))
                .when(rewards).onConversion(argThat(c -> "grace@acme.com".equals(c.email())));
        store("ev_1", "payment_succeeded", "ada@initech.com");
        store("ev_2", "payment_succeeded", "grace@acme.com");
        store("ev_3", "subscription_created", "linus@globex.com");
        store("ev_4", "payment_succeeded", "alan@hooli.com");

        billing.process(inbox.claim("chargebee"));

        assertThat(row("ev_1")).containsEntry("STATUS", Inbox.DONE);
        assertThat(row("ev_3")).containsEntry("STATUS", Inbox.IGNORED);
        assertThat(row("ev_4")).containsEntry("STATUS", Inbox.DONE);
        Map<String, Object> failed = row("ev_2");
        assertThat(failed).containsEntry("STATUS", Inbox.CLAIMED).containsEntry("ATTEMPTS", 1)
                .containsEntry("PROCESSED_AT", null);
        assertThat((String) failed.get("LAST_ERROR")).contains("reward table locked");
        assertThat(((OffsetDateTime) failed.get("CLAIMED_UNTIL")).toInstant()).isEqualTo(NOW.plusSeconds(30));
    }

    private void store(String id, String type, String email) {
        inbox.store("chargebee", id, type, null, """
                {"id":"%s","occurred_at":1750000000,"object":"event","event_type":"%s","content":{
                "transaction":{"id":"txn_%s","amount":2900,"currency_code":"USD"},
                "invoice":{"id":"inv_%s","status":"paid","amount_paid":2900,"currency_code":"USD"},
                "customer":{"id":"cust_%s","email":"%s"}}}""".formatted(id, type, id, id, id, email));
    }

    private Map<String, Object> row(String externalId) {
        return database.jdbc().sql("SELECT status, attempts, last_error, claimed_until, processed_at FROM inbox_event"
                + " WHERE source = 'chargebee' AND external_id = ?").param(externalId).query().singleRow();
    }
}
