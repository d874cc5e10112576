package io.referloop.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.referral.Emails;
import io.referloop.ingest.Inbox;
import io.referloop.ingest.InboxEvent;
import io.referloop.mapping.LiveMapping;
import io.referloop.referral.ContactSnapshot;
import io.referloop.referral.ReferralService;
import io.referloop.reward.Conversion;
import io.referloop.reward.RewardService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Processes claimed Salesforce records, from outbound messages and from polling alike (route
 * {@code salesforce-inbox}): Leads and Contacts go to enrolment and attribution; a won Opportunity
 * converts its contacts (OpportunityContactRole) and its Account, by the domain of the Account's website
 * ({@code salesforce.yaml account.read.website}). Polled Account records themselves are not used yet.
 * A polled record is the API's own answer; an outbound notification only names a record, which is read by
 * Id before anything is decided (see {@link NotifiedRecords}).
 *
 * <p>As for HubSpot deals, each contact's conversion carries the account's domain and one more conversion
 * (no email) carries the domain alone, so an opportunity without contact roles converts too; they go in one
 * transaction, and the reward logic pays once per referral (one conversion per referral and kind).
 */
@Component("salesforceInbox")
public class SalesforceInbox {

    static final String CRM = "salesforce";
    private static final Logger log = LoggerFactory.getLogger(SalesforceInbox.class);
    private static final DateTimeFormatter SALESFORCE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final Inbox inbox;
    private final LiveMapping<SalesforceMapping> mapping;
    private final SalesforceClient client;
    private final NotifiedRecords notifiedRecords;
    private final ReferralService referrals;
    private final RewardService rewards;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final Clock clock;

    SalesforceInbox(Inbox inbox, LiveMapping<SalesforceMapping> mapping, SalesforceClient client, NotifiedRecords notifiedRecords,
                    ReferralService referrals, RewardService rewards, TransactionTemplate transaction, ObjectMapper json,
                    Clock clock) {
        this.inbox = inbox;
        this.mapping = mapping;
        this.client = client;
        this.notifiedRecords = notifiedRecords;
        this.referrals = referrals;
        this.rewards = rewards;
        this.transaction = transaction;
        this.json = json;
        this.clock = clock;
    }

    /** The whole batch reads its records and maps them with the salesforce.yaml it started with. */
    public void process(List<InboxEvent> events) {
        mapping.forBatch(() -> processBatch(events));
    }

    private void processBatch(List<InboxEvent> events) {
        Map<Long, JsonNode> notified = readNotifiedRecords(events);
        for (InboxEvent event : events) {
            if (NotifiedRecords.isNotification(event) && !notified.containsKey(event.id())) {
                continue;
            }
            try {
                JsonNode payload = json.readTree(event.payload());
                String type = payload.path("objectType").asText();
                JsonNode fields = NotifiedRecords.isNotification(event) ? notified.get(event.id()) : payload.path("fields");
                if (type.equals("Lead") || type.equals("Contact")) {
                    transaction.executeWithoutResult(tx -> {
                        referrals.onContact(snapshot(fields));
                        inbox.markDone(List.of(event.id()));
                    });
                } else if (type.equals("Opportunity") && isWon(fields)) {
                    List<JsonNode> contacts = contactsOf(fields.path("Id").asText());
                    String accountDomain = accountDomainOf(fields.path("Id").asText());
                    transaction.executeWithoutResult(tx -> {
                        contacts.forEach(c -> rewards.onConversion(contactConversion(fields, c, accountDomain)));
                        if (accountDomain != null) {
                            rewards.onConversion(accountConversion(fields, accountDomain));
                        }
                        inbox.markDone(List.of(event.id()));
                    });
                } else {
                    inbox.markIgnored(List.of(event.id()), type + " record not used");
                }
            } catch (IOException | RuntimeException e) {
                log.warn("Salesforce record {} could not be processed, will retry: {}", event.objectId(), e.toString());
                inbox.retryLater(List.of(event), e.toString(), Duration.ofSeconds(30));
            }
        }
    }

    /**
     * The records the batch's outbound notifications name, read through the API (see {@link NotifiedRecords}).
     * A notification whose record the org does not return is ignored, its reason logged and kept on the inbox row;
     * one that cannot be checked now (the API off or failing) waits for a later claim.
     */
    private Map<Long, JsonNode> readNotifiedRecords(List<InboxEvent> events) {
        List<InboxEvent> notifications = events.stream().filter(NotifiedRecords::isNotification).toList();
        if (notifications.isEmpty()) {
            return Map.of();
        }
        Map<Long, JsonNode> records;
        try {
            records = notifiedRecords.read(notifications);
        } catch (SalesforceApiException e) {
            log.warn("{} outbound notification(s) wait: their records cannot be read now: {}", notifications.size(), e.getMessage());
            if (e.isTransient()) {
                inbox.postpone(notifications, e.getMessage(), Duration.ofSeconds(30));
            } else {
                inbox.retryLater(notifications, e.getMessage(), Duration.ofSeconds(30));
            }
            return Map.of();
        }
        for (InboxEvent n : notifications) {
            String type = NotifiedRecords.objectType(n);
            if (!records.containsKey(n.id())) {
                String why = NotifiedRecords.USED.contains(type)
                        ? "the org has no " + type + " " + n.objectId() + " the integration user can read: the notification changes nothing"
                        : type + " record not used";
                log.info("Outbound notification {} ignored: {}", n.externalId(), why);
                inbox.markIgnored(List.of(n.id()), why);
            }
        }
        return records;
    }

    private ContactSnapshot snapshot(JsonNode fields) {
        Map<String, String> values = new HashMap<>();
        mapping.current().person().read().forEach((canonical, field) -> {
            JsonNode v = fields.get(field);
            if (v != null && !v.isNull()) {
                values.put(canonical, v.asText());
            }
        });
        return new ContactSnapshot(CRM, fields.path("Id").asText(), values, instant(fields.path("CreatedDate").asText(null)));
    }

    private boolean isWon(JsonNode fields) {
        JsonNode won = fields.get(mapping.current().opportunity().read().get("won"));
        return won != null && (won.asBoolean(false) || "true".equalsIgnoreCase(won.asText()));
    }

    private List<JsonNode> contactsOf(String opportunityId) {
        List<JsonNode> contacts = new java.util.ArrayList<>();
        for (JsonNode role : client.query("SELECT ContactId FROM OpportunityContactRole WHERE OpportunityId = '"
                + opportunityId.replace("'", "") + "'").path("records")) {
            String contactId = role.path("ContactId").asText().replace("'", "");
            Map<String, String> person = mapping.current().person().read();
            client.query("SELECT Id, " + person.get("email") + ", " + person.get("first-name") + ", " + person.get("last-name")
                    + " FROM Contact WHERE Id = '" + contactId + "'").path("records").forEach(contacts::add);
        }
        return contacts;
    }

    /**
     * The normalised domain of the opportunity's Account website, or null (no account, no website, not a host
     * name). Read through the relationship field, since an outbound message carries no AccountId and a poll's
     * AccountId alone would cost a second query.
     */
    private String accountDomainOf(String opportunityId) {
        String website = mapping.current().account().read().get("website");
        JsonNode opportunity = client.query("SELECT Id, Account." + website + " FROM Opportunity WHERE Id = '"
                + opportunityId.replace("'", "") + "'").path("records").path(0);
        return Emails.normaliseDomain(opportunity.path("Account").path(website).asText(null));
    }

    private Conversion contactConversion(JsonNode opportunity, JsonNode contact, String accountDomain) {
        Map<String, String> person = mapping.current().person().read();
        String name = (contact.path(person.get("first-name")).asText("") + " " + contact.path(person.get("last-name")).asText("")).trim();
        return conversion(opportunity, contact.path(person.get("email")).asText(null), name.isEmpty() ? null : name,
                accountDomain);
    }

    /** No email and no name: the account's name is not a person's, and attribution would take it for one. */
    private Conversion accountConversion(JsonNode opportunity, String accountDomain) {
        return conversion(opportunity, null, null, accountDomain);
    }

    private Conversion conversion(JsonNode opportunity, String email, String name, String companyDomain) {
        String amountField = mapping.current().opportunity().read().get("amount");
        JsonNode amount = amountField == null ? null : opportunity.get(amountField);
        String id = opportunity.path("Id").asText();
        return new Conversion(Conversion.Kind.DEAL_WON, CRM, id, null, email, name, null,
                amount == null || amount.isNull() ? null : new BigDecimal(amount.asText()), null, Instant.now(clock), CRM, id,
                null, companyDomain);
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value, SALESFORCE).toInstant();
        } catch (RuntimeException e) {
            try {
                return Instant.parse(value);
            } catch (RuntimeException ignored) {
                return null;
            }
        }
    }
}
