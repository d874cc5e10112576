package io.referloop.hubspot;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.referloop.ingest.Inbox;
import io.referloop.ingest.InboxEvent;
import io.referloop.mapping.LiveMapping;
import io.referloop.reward.Conversion;
import io.referloop.reward.RewardService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deals named by webhooks: those in a won stage (per pipeline, {@code hubspot.yaml deal.won-stages})
 * are conversions of their associated contacts and of their associated company (associations v4).
 *
 * <p>A B2B referral is to a company, and the deal's contacts need not include the referred person, so a won
 * deal hands the reward logic one conversion per contact (with the company's domain when the deal has a
 * single converting company) and one per converting company domain (no email). All of a deal's conversions go
 * in one transaction, contacts first so that a person's own referral is found with their name. They may well
 * resolve to the same referral: the reward logic records one conversion per referral and kind (a unique key)
 * and one advocate reward per referral, so the later ones are logged as {@code first-conversion-only} and pay
 * nothing. The same holds for a second won deal of the same company.
 */
@Component
class HubSpotDeals {

    private static final Logger log = LoggerFactory.getLogger(HubSpotDeals.class);

    private final HubSpotClient client;
    private final LiveMapping<HubSpotMapping> mapping;
    private final Inbox inbox;
    private final RewardService rewards;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final HubSpotDealCompanies companies;
    private final HubSpotRetryDelays delays;

    HubSpotDeals(HubSpotClient client, LiveMapping<HubSpotMapping> mapping, Inbox inbox, RewardService rewards,
                 TransactionTemplate transaction, Clock clock, HubSpotProperties properties) {
        this.delays = properties.retry();
        this.client = client;
        this.mapping = mapping;
        this.inbox = inbox;
        this.rewards = rewards;
        this.transaction = transaction;
        this.clock = clock;
        this.companies = new HubSpotDealCompanies(client, mapping);
    }

    /** What a batch of won deals converts through: the deals, their contacts and their company domains. */
    private record WonDeals(Map<String, HubSpotObject> deals, Map<String, List<String>> contactIdsOf,
                            Map<String, HubSpotObject> contacts, Map<String, List<String>> domainsOf) {

        static final WonDeals NONE = new WonDeals(Map.of(), Map.of(), Map.of(), Map.of());
    }

    /** At most 100 deal ids with their events. */
    void process(Map<String, List<InboxEvent>> eventsByDeal) {
        WonDeals won;
        try {
            won = read(eventsByDeal.keySet());
        } catch (HubSpotApiException | CallNotPermittedException e) {
            List<InboxEvent> all = new ArrayList<>();
            eventsByDeal.values().forEach(all::addAll);
            if (e instanceof HubSpotApiException h && !h.isTransient()) {
                inbox.retryLater(all, e.getMessage(), HubSpotRetryDelays.AFTER_REFUSAL);
            } else {
                inbox.postpone(all, e.getMessage(), delays.unavailableDelay());
            }
            return;
        }
        eventsByDeal.forEach((dealId, events) -> {
            List<Long> eventIds = events.stream().map(InboxEvent::id).toList();
            HubSpotObject deal = won.deals().get(dealId);
            if (deal == null) {
                inbox.markIgnored(eventIds, "deal " + dealId + " is not in a won stage");
                return;
            }
            try {
                transaction.executeWithoutResult(tx -> {
                    convert(deal, won);
                    inbox.markDone(eventIds);
                });
            } catch (RuntimeException e) {
                log.warn("Deal {} could not be processed, will retry: {}", dealId, e.toString());
                inbox.retryLater(events, e.toString(), delays.errorDelay());
            }
        });
    }

    /** The deals, and for the won ones only their contacts and company domains: a lost deal costs one call. */
    private WonDeals read(Collection<String> dealIds) {
        Map<String, HubSpotObject> deals = new HashMap<>();
        for (HubSpotObject deal : client.batchRead("deals", dealIds, mapping.current().deal().read().values())) {
            String stage = deal.properties().get(mapping.current().deal().read().get("stage"));
            String pipeline = deal.properties().get(mapping.current().deal().read().get("pipeline"));
            if (mapping.current().deal().isWon(pipeline, stage)) {
                deals.put(deal.id(), deal);
            }
        }
        if (deals.isEmpty()) {
            return WonDeals.NONE;
        }
        Map<String, List<String>> contactIdsOf = client.associations("deals", "contacts", deals.keySet());
        Set<String> contactIds = new LinkedHashSet<>();
        contactIdsOf.values().forEach(contactIds::addAll);
        Map<String, HubSpotObject> contacts = new HashMap<>();
        if (!contactIds.isEmpty()) {
            Map<String, String> read = mapping.current().contact().read();
            client.batchReadAll("contacts", contactIds, List.of(read.get("email"), read.get("first-name"), read.get("last-name")))
                    .forEach(c -> contacts.put(c.id(), c));
        }
        return new WonDeals(deals, contactIdsOf, contacts, companies.domainsOf(deals.keySet()));
    }

    private void convert(HubSpotObject deal, WonDeals won) {
        List<String> domains = won.domainsOf().getOrDefault(deal.id(), List.of());
        // with several companies and none primary, no single one is the contacts' company
        String contactsDomain = domains.size() == 1 ? domains.get(0) : null;
        for (String contactId : won.contactIdsOf().getOrDefault(deal.id(), List.of())) {
            HubSpotObject contact = won.contacts().get(contactId);
            if (contact != null) {
                rewards.onConversion(contactConversion(deal, contact, contactsDomain));
            }
        }
        for (String domain : domains) {
            rewards.onConversion(companyConversion(deal, domain));
        }
    }

    private Conversion contactConversion(HubSpotObject deal, HubSpotObject contact, String companyDomain) {
        Map<String, String> read = mapping.current().contact().read();
        String name = (value(contact, read.get("first-name")) + " " + value(contact, read.get("last-name"))).trim();
        return conversion(deal, contact.properties().get(read.get("email")), name.isEmpty() ? null : name, companyDomain);
    }

    /** No email and no name: the company's name is not a person's, and attribution would take it for one. */
    private Conversion companyConversion(HubSpotObject deal, String companyDomain) {
        return conversion(deal, null, null, companyDomain);
    }

    private Conversion conversion(HubSpotObject deal, String email, String name, String companyDomain) {
        String amount = deal.properties().get(mapping.current().deal().read().get("amount"));
        return new Conversion(Conversion.Kind.DEAL_WON, HubSpotWritebackListener.CRM, deal.id(), null, email, name, null,
                parse(amount), null, Instant.now(clock), HubSpotWritebackListener.CRM, deal.id(), null, companyDomain);
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
