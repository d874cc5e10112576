package io.referloop.hubspot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.demo.FakeHubSpot;
import io.referloop.ingest.Inbox;
import io.referloop.ingest.InboxEvent;
import io.referloop.referral.ContactSnapshot;
import io.referloop.referral.ReferralService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Claimed HubSpot events against the fake HubSpot with the shipped {@code hubspot.yaml}: a change of a property no
 * mapping reads is settled without a call; a change of a read property, and a creation, are read and decided.
 */
class HubSpotInboxTest {

    private static final String TOKEN = "pat-inbox-test";

    private final FakeHubSpot hubspot = new FakeHubSpot(TOKEN).start();
    private final Inbox inbox = mock(Inbox.class);
    private final ReferralService referrals = mock(ReferralService.class);
    private final HubSpotDeals deals = mock(HubSpotDeals.class);
    private final HubSpotRewardDecisions decisions = mock(HubSpotRewardDecisions.class);
    private final HubSpotClient client = ShippedHubSpot.client(hubspot, TOKEN);
    private final ContactReads reads = new ContactReads(client);
    private final HubSpotInbox hubSpotInbox = new HubSpotInbox(reads, client, ShippedHubSpot.mapping(), inbox, referrals,
            new TransactionTemplate(mock(PlatformTransactionManager.class)), new HubSpotWebhookParser(new ObjectMapper()), deals,
            decisions, ShippedHubSpot.properties(hubspot, TOKEN));

    @AfterEach
    void stop() {
        reads.destroy();
        hubspot.close();
    }

    @Test
    void changesOfAPropertyNoMappingReadsAreSettledInOneStatementWithoutAHubSpotCall() {
        String grace = contact("grace@acme.com", "8");
        String ada = contact("ada@initech.com", "9");

        hubSpotInbox.process(List.of(change(1, grace, "hs_lead_status"), change(2, ada, "jobtitle"),
                change(3, grace, "hs_lead_status")));

        assertThat(hubspot.batchReadSizes()).isEmpty();
        verify(inbox).markIgnored(List.of(1L, 2L, 3L), HubSpotInbox.UNREAD_PROPERTY);
        verify(referrals, never()).onContact(any());
        verify(inbox, never()).markDone(anyCollection());
    }

    @Test
    void aChangeOfAReadPropertyIsReadAndDecidedAsBefore() {
        String grace = contact("grace@acme.com", "10");

        hubSpotInbox.process(List.of(change(1, grace, "nps_score")));

        // a read is retried when the fake answers late on a busy machine: what counts is that it was made
        assertThat(hubspot.batchReadSizes()).isNotEmpty().containsOnly(1);
        ArgumentCaptor<ContactSnapshot> snapshot = ArgumentCaptor.forClass(ContactSnapshot.class);
        verify(referrals).onContact(snapshot.capture());
        assertThat(snapshot.getValue().fields()).containsEntry("nps-score", "10").containsEntry("email", "grace@acme.com");
        verify(inbox).markDone(List.of(1L));
        verify(inbox, never()).markIgnored(anyCollection(), any());
    }

    @Test
    void inAMixedBatchOnlyTheUnreadChangesAreSettledAndTheRestShareOneReadAndOneMarkDone() {
        String grace = contact("grace@acme.com", "10");
        String ada = contact("ada@initech.com", "9");
        String linus = contact("linus@globex.com", "3");

        hubSpotInbox.process(List.of(change(1, grace, "hs_lead_status"), change(2, grace, "email"),
                creation(3, ada), change(4, linus, "referral_code"), change(5, linus, "notes_last_updated")));

        verify(inbox).markIgnored(List.of(1L, 5L), HubSpotInbox.UNREAD_PROPERTY);
        assertThat(hubspot.batchReadSizes()).isNotEmpty().containsOnly(3);
        verify(referrals, org.mockito.Mockito.times(3)).onContact(any());
        verify(inbox).markDone(List.of(2L, 3L, 4L));
    }

    @Test
    void aDealChangeOfAnUnreadPropertyIsSettledAndOfItsStageGoesToTheDeals() {
        hubSpotInbox.process(List.of(dealChange(1, "701", "hs_next_step"), dealChange(2, "702", "dealstage")));

        verify(inbox).markIgnored(List.of(1L), HubSpotInbox.UNREAD_PROPERTY);
        verify(deals).process(Map.of("702", List.of(dealChange(2, "702", "dealstage"))));
    }

    @Test
    void aChangeThatNamesNoPropertyIsReadAsBefore() {
        String grace = contact("grace@acme.com", "10");
        InboxEvent nameless = new InboxEvent(1L, "hubspot", "k-1", "contact.propertyChange", grace,
                "{\"subscriptionType\":\"contact.propertyChange\",\"objectId\":" + grace + "}", Instant.EPOCH, 0);

        hubSpotInbox.process(List.of(nameless));

        assertThat(hubspot.batchReadSizes()).isNotEmpty().containsOnly(1);
        verify(inbox).markDone(List.of(1L));
        verify(deals, never()).process(anyMap());
    }

    @Test
    void aDecisionIsReadFromTheParsedEventAndHandedToTheDecisionsNotToTheContacts() {
        String grace = contact("grace@acme.com", "10");
        InboxEvent decided = new InboxEvent(1L, "hubspot", "k-1", "contact.propertyChange", grace,
                "{\"subscriptionType\":\"contact.propertyChange\",\"objectId\":" + grace + ",\"propertyName\":"
                        + "\"referral_reward_decision\",\"propertyValue\":\"approve\",\"changeSource\":\"CRM\","
                        + "\"sourceId\":\"userId:42\"}", Instant.EPOCH, 0);
        when(decisions.read(any())).thenAnswer(read ->
                HubSpotDecisionEvent.of(read.getArgument(0), "referral_reward_decision", null));

        hubSpotInbox.process(List.of(decided, change(2, grace, "nps_score")));

        verify(decisions).process(decided, new HubSpotDecisionEvent(HubSpotDecisionEvent.Kind.ASKED, "contacts", grace,
                HubSpotDecisionEvent.Decision.APPROVE, "42", null));
        verify(inbox).markDone(List.of(2L));
        verify(inbox, never()).markIgnored(anyCollection(), any());
    }

    @Test
    void aClaimOfManyContactsIsReadAHundredAtATimeAndEachContactDecidedOnceInOrder() {
        List<InboxEvent> creations = creations(250);

        hubSpotInbox.process(creations);

        assertThat(hubspot.batchReadSizes()).containsExactly(100, 100, 50);
        ArgumentCaptor<ContactSnapshot> decided = ArgumentCaptor.forClass(ContactSnapshot.class);
        verify(referrals, org.mockito.Mockito.times(250)).onContact(decided.capture());
        assertThat(decided.getAllValues()).extracting(ContactSnapshot::contactId)
                .containsExactlyElementsOf(creations.stream().map(InboxEvent::objectId).toList());
    }

    @Test
    void theNextHundredContactsAreReadWhileTheseAreDecided() {
        List<InboxEvent> creations = creations(150);
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicBoolean nextReadArrivedMeanwhile = new java.util.concurrent.atomic.AtomicBoolean();
        org.mockito.Mockito.doAnswer(call -> {
            if (first.getAndSet(false)) {
                // deciding the first contact waits until the second chunk's read reached HubSpot: without a read
                // ahead that read would only start after the first chunk, and the wait would run out
                try {
                    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                            .until(() -> hubspot.batchReadSizes().size() >= 2);
                    nextReadArrivedMeanwhile.set(true);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    nextReadArrivedMeanwhile.set(false);
                }
            }
            return null;
        }).when(referrals).onContact(any());

        hubSpotInbox.process(creations);

        assertThat(nextReadArrivedMeanwhile).as("the next chunk read while the first was decided").isTrue();
        assertThat(hubspot.batchReadSizes()).containsExactly(100, 50);
    }

    private List<InboxEvent> creations(int count) {
        List<InboxEvent> creations = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            creations.add(creation(i + 1, contact("friend" + i + "@firm" + i + ".example", "7")));
        }
        return creations;
    }

    private String contact(String email, String nps) {
        return hubspot.createContact(Map.of("email", email, "firstname", "Test", "nps_score", nps));
    }

    private static InboxEvent change(long id, String contact, String property) {
        return new InboxEvent(id, "hubspot", "k-" + id, "contact.propertyChange", contact,
                "{\"subscriptionType\":\"contact.propertyChange\",\"objectId\":" + contact + ",\"propertyName\":\""
                        + property + "\",\"propertyValue\":\"x\"}", Instant.EPOCH, 0);
    }

    private static InboxEvent creation(long id, String contact) {
        return new InboxEvent(id, "hubspot", "k-" + id, "contact.creation", contact,
                "{\"subscriptionType\":\"contact.creation\",\"objectId\":" + contact + "}", Instant.EPOCH, 0);
    }

    private static InboxEvent dealChange(long id, String deal, String property) {
        return new InboxEvent(id, "hubspot", "k-" + id, "deal.propertyChange", deal,
                "{\"subscriptionType\":\"deal.propertyChange\",\"objectId\":" + deal + ",\"propertyName\":\""
                        + property + "\",\"propertyValue\":\"x\"}", Instant.EPOCH, 0);
    }
}
