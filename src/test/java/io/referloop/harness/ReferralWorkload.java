package io.referloop.harness;

import io.referloop.demo.FakeHubSpot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Referral programmes in miniature, as events the way HubSpot and Stripe send them: each group is one promoter
 * (NPS 10) and {@value #FRIENDS} friends who sign up with the promoter's code and pay a first invoice. Every fact
 * arrives as two distinct events (HubSpot: creation and a property change; Stripe: {@code invoice.paid} and
 * {@code invoice.payment_succeeded} for the same invoice), so idempotence is tested beyond duplicate event ids.
 * <p>
 * Events become ready in causal order, as in life: a friend signs up with a code once the promoter's contact shows
 * it, and pays once the friend's contact shows the referral. Contacts are created in the fake HubSpot at that moment.
 */
final class ReferralWorkload {

    static final int FRIENDS = 3;
    static final int EVENTS_PER_GROUP = 2 + FRIENDS * 4;
    static final String AMOUNT_TOTAL = "150.00";

    private static final AtomicLong EVENT_IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    enum Target { HUBSPOT, STRIPE }

    /** One event: a stable key, where it goes, and its JSON (a HubSpot event object, or a whole Stripe event). */
    record Event(String key, Target target, String json) {

        /** The same event on a later delivery attempt (HubSpot counts them; Stripe's body is unchanged). */
        String attempt(int n) {
            return target == Target.HUBSPOT ? json.replace("\"attemptNumber\":0", "\"attemptNumber\":" + n) : json;
        }
    }

    final class Group {
        final int index;
        final String promoterEmail;
        final String promoterId;
        final List<Event> promoterEvents;
        final String[] friendIds = new String[FRIENDS];
        final String[] friendEmails = new String[FRIENDS];
        final List<List<Event>> friendEvents = new ArrayList<>();
        final List<List<Event>> paymentEvents = new ArrayList<>();

        Group(int index) {
            this.index = index;
            this.promoterEmail = "promoter" + index + "@advocates-" + run + ".io";
            this.promoterId = hubspot.createContact(Map.of("email", promoterEmail, "firstname", "Pat" + index,
                    "lastname", "Promoter", "nps_score", "10"));
            this.promoterEvents = List.of(
                    hubspotEvent("contact.creation", promoterId, null, null),
                    hubspotEvent("contact.propertyChange", promoterId, "nps_score", "10"));
            for (int i = 0; i < FRIENDS; i++) {
                friendEmails[i] = "friend" + index + "x" + i + "@customer" + index + "x" + i + "-" + run + ".io";
                friendEvents.add(null);
                paymentEvents.add(null);
            }
        }

        String code() {
            return hubspot.contact(promoterId).get("referral_code");
        }
    }

    private final FakeHubSpot hubspot;
    private final String run;
    final List<Group> groups = new ArrayList<>();

    ReferralWorkload(FakeHubSpot hubspot, String run, int groups) {
        this.hubspot = hubspot;
        this.run = run;
        for (int g = 0; g < groups; g++) {
            this.groups.add(new Group(g));
        }
    }

    int eventCount() {
        return groups.size() * EVENTS_PER_GROUP;
    }

    int friendCount() {
        return groups.size() * FRIENDS;
    }

    /** Every event that may be sent now, in group order; the caller skips those it has already delivered. */
    List<Event> ready() {
        List<Event> ready = new ArrayList<>();
        for (Group g : groups) {
            ready.addAll(g.promoterEvents);
            String code = null;
            for (int i = 0; i < FRIENDS; i++) {
                if (g.friendEvents.get(i) == null) {
                    code = code == null ? g.code() : code;
                    if (code == null) {
                        break;
                    }
                    g.friendIds[i] = hubspot.createContact(Map.of("email", g.friendEmails[i], "firstname", "Friend",
                            "lastname", g.index + "x" + i, "referral_code", code));
                    g.friendEvents.set(i, List.of(
                            hubspotEvent("contact.creation", g.friendIds[i], null, null),
                            hubspotEvent("contact.propertyChange", g.friendIds[i], "referral_code", code)));
                }
                ready.addAll(g.friendEvents.get(i));
                if (g.paymentEvents.get(i) == null && hubspot.contact(g.friendIds[i]).get("referral_status") != null) {
                    String invoice = "in_" + run + "g" + g.index + "x" + i;
                    g.paymentEvents.set(i, List.of(
                            stripeEvent("invoice.paid", invoice, g.friendEmails[i]),
                            stripeEvent("invoice.payment_succeeded", invoice, g.friendEmails[i])));
                }
                if (g.paymentEvents.get(i) != null) {
                    ready.addAll(g.paymentEvents.get(i));
                }
            }
        }
        return ready;
    }

    private static Event hubspotEvent(String type, String objectId, String property, String value) {
        long eventId = EVENT_IDS.incrementAndGet();
        String change = property == null ? "" : ",\"propertyName\":\"" + property + "\",\"propertyValue\":\"" + value + "\"";
        String json = "{\"eventId\":" + eventId + ",\"subscriptionId\":25,\"portalId\":62515,\"appId\":1160452,"
                + "\"occurredAt\":" + System.currentTimeMillis() + ",\"subscriptionType\":\"" + type + "\","
                + "\"attemptNumber\":0,\"objectId\":" + objectId + ",\"changeSource\":\"CRM\"" + change + "}";
        return new Event("hubspot:" + eventId, Target.HUBSPOT, json);
    }

    private Event stripeEvent(String type, String invoice, String email) {
        String id = "evt_" + run + "_" + EVENT_IDS.incrementAndGet();
        String json = "{\"id\":\"" + id + "\",\"object\":\"event\",\"api_version\":\"2026-03-25.dahlia\",\"created\":"
                + System.currentTimeMillis() / 1000 + ",\"type\":\"" + type + "\",\"livemode\":false,"
                + "\"data\":{\"object\":{\"id\":\"" + invoice + "\",\"object\":\"invoice\",\"billing_reason\":"
                + "\"subscription_create\",\"customer\":\"cus_" + invoice + "\",\"customer_email\":\"" + email
                + "\",\"amount_paid\":4900,\"currency\":\"usd\",\"status\":\"paid\",\"charge\":\"ch_" + invoice + "\"}}}";
        return new Event("stripe:" + id, Target.STRIPE, json);
    }
}
