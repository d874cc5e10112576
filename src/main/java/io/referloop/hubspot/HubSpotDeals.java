package io.referloop.hubspot;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.referloop.ingest.Inbox;
import io.referloop.ingest.InboxEvent;
import io.referloop.reward.Conversion;
import io.referloop.reward.RewardService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deals named by webhooks: those in a won stage (per pipeline, {@code hubspot.yaml deal.won-stages})
 * are conversions of their associated contacts (associations v4). First conversion only is enforced
 * by the reward logic, so a second won deal of the same account pays nothing.
 */
@Component
class HubSpotDeals {

    private static final Logger log = LoggerFactory.getLogger(HubSpotDeals.class);

    private final HubSpotClient client;
    private final HubSpotMapping mapping;
    private final Inbox inbox;
    private final RewardService rewards;
    private final TransactionTemplate transaction;
    private final Clock clock;

    HubSpotDeals(HubSpotClient client, HubSpotMapping mapping, Inbox inbox, RewardService rewards,
                 TransactionTemplate transaction, Clock clock) {
        this.client = client;
        this.mapping = mapping;
        this.inbox = inbox;
        this.rewards = rewards;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** At most 100 deal ids with their events. */
    void process(Map<String, List<InboxEvent>> eventsByDeal) {
        Map<String, HubSpotObject> won = new HashMap<>();
        Map<String, List<String>> contactsOf;
        Map<String, HubSpotObject> contacts = new HashMap<>();
        try {
            for (HubSpotObject deal : client.batchRead("deals", eventsByDeal.keySet(), mapping.deal().read().values())) {
                String stage = deal.properties().get(mapping.deal().read().get("stage"));
                String pipeline = deal.properties().get(mapping.deal().read().get("pipeline"));
                if (mapping.deal().isWon(pipeline, stage)) {
                    won.put(deal.id(), deal);
                }
            }
            contactsOf = won.isEmpty() ? Map.of() : client.associations("deals", "contacts", won.keySet());
            Set<String> contactIds = new LinkedHashSet<>();
            contactsOf.values().forEach(contactIds::addAll);
            List<String> ids = new ArrayList<>(contactIds);
            for (int from = 0; from < ids.size(); from += HubSpotClient.BATCH_LIMIT) {
                client.batchRead("contacts", ids.subList(from, Math.min(ids.size(), from + HubSpotClient.BATCH_LIMIT)),
                        List.of(mapping.contact().read().get("email"), mapping.contact().read().get("first-name"),
                                mapping.contact().read().get("last-name"))).forEach(c -> contacts.put(c.id(), c));
            }
        } catch (HubSpotApiException | CallNotPermittedException e) {
            List<InboxEvent> all = new ArrayList<>();
            eventsByDeal.values().forEach(all::addAll);
            if (e instanceof HubSpotApiException h && !h.isTransient()) {
                inbox.retryLater(all, e.getMessage(), Duration.ofSeconds(10));
            } else {
                inbox.postpone(all, e.getMessage(), Duration.ofSeconds(10));
            }
            return;
        }
        eventsByDeal.forEach((dealId, events) -> {
            List<Long> eventIds = events.stream().map(InboxEvent::id).toList();
            HubSpotObject deal = won.get(dealId);
            if (deal == null) {
                inbox.markIgnored(eventIds, "deal " + dealId + " is not in a won stage");
                return;
            }
            try {
                transaction.executeWithoutResult(tx -> {
                    for (String contactId : contactsOf.getOrDefault(dealId, List.of())) {
                        HubSpotObject contact = contacts.get(contactId);
                        if (contact != null) {
                            rewards.onConversion(conversion(deal, contact));
                        }
                    }
                    inbox.markDone(eventIds);
                });
            } catch (RuntimeException e) {
                log.warn("Deal {} could not be processed, will retry: {}", dealId, e.toString());
                inbox.retryLater(events, e.toString(), Duration.ofSeconds(30));
            }
        });
    }

    private Conversion conversion(HubSpotObject deal, HubSpotObject contact) {
        Map<String, String> read = mapping.contact().read();
        String name = (value(contact, read.get("first-name")) + " " + value(contact, read.get("last-name"))).trim();
        String amount = deal.properties().get(mapping.deal().read().get("amount"));
        return new Conversion(Conversion.Kind.DEAL_WON, HubSpotWritebackListener.CRM, deal.id(), null,
                contact.properties().get(read.get("email")), name.isEmpty() ? null : name, null,
                parse(amount), null, Instant.now(clock), HubSpotWritebackListener.CRM, deal.id());
    }

    private static String value(HubSpotObject o, String property) {
        String v = property == null ? null : o.properties().get(property);
        return v == null ? "" : v;
    }

    private static BigDecimal parse(String amount) {
        try {
            return amount == null || amount.isBlank() ? null : new BigDecimal(amount.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
