package io.referloop.referral;

import io.referloop.mapping.LiveMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What happens when the connector learns about a contact: enrolment of promoters as advocates, and
 * attribution (or rejection) of referred contacts. CRM writes follow from the published events,
 * inside the same transaction, so a decision and its write-back are stored together or not at all.
 */
@Service
public class ReferralService {

    private static final Logger log = LoggerFactory.getLogger(ReferralService.class);

    private final Advocates advocates;
    private final Referrals referrals;
    private final DecisionLog decisions;
    private final Attribution attribution;
    private final FreeMailDomains freeMail;
    private final CompanyDomains companies;
    private final LiveMapping<ProgrammeRules> rules;
    private final ReferralLinks links;
    private final ApplicationEventPublisher events;
    private final AdvocateChanges advocateChanges;
    private final Clock clock;

    public ReferralService(Advocates advocates, Referrals referrals, DecisionLog decisions, Attribution attribution,
                           FreeMailDomains freeMail, CompanyDomains companies, LiveMapping<ProgrammeRules> rules,
                           ReferralLinks links, ApplicationEventPublisher events, AdvocateChanges advocateChanges,
                           Clock clock) {
        this.advocates = advocates;
        this.referrals = referrals;
        this.decisions = decisions;
        this.attribution = attribution;
        this.freeMail = freeMail;
        this.companies = companies;
        this.rules = rules;
        this.links = links;
        this.events = events;
        this.advocateChanges = advocateChanges;
        this.clock = clock;
    }

    @Transactional
    public void onContact(ContactSnapshot contact) {
        enrolOrLink(contact);
        attribute(contact);
    }

    /** {@code POST /api/advocates}: enrols by hand, or returns the advocate this email already is. */
    @Transactional
    public Advocate enrolByHand(String email, String name) {
        String normal = Emails.normalise(email);
        return advocates.byEmail(normal).orElseGet(() -> {
            Advocate advocate = advocates.enrol(normal, name, null, null, "admin");
            decisions.record(null, advocate.id(), normal, "enrolment", "enrolled", Map.of("by", "admin"));
            // enrolled by hand is enrolled: the advocate hears of it (code and link) like any other
            advocateChanges.enrolledOrLinked(advocate);
            return advocate;
        });
    }

    /** {@code POST /api/referrals}: registers that an advocate referred an email address or a company domain. */
    @Transactional
    public Referral register(String advocateCode, String email, String domain) {
        Advocate advocate = advocates.byCode(advocateCode.trim().toUpperCase(java.util.Locale.ROOT))
                .filter(Advocate::active)
                .orElseThrow(() -> new IllegalArgumentException("no active advocate has the code " + advocateCode));
        String normalEmail = Emails.normalise(email);
        String normalDomain = Emails.normaliseDomain(domain);
        if (normalDomain == null && domain != null && !domain.isBlank()) {
            throw new IllegalArgumentException("domain is not a company domain: " + domain);
        }
        if ((normalEmail == null) == (normalDomain == null)) {
            throw new IllegalArgumentException("give exactly one of email or domain");
        }
        if (normalEmail != null && !normalEmail.contains("@")) {
            throw new IllegalArgumentException("email is not an email address: " + email);
        }
        if (normalDomain != null && freeMail.contains(normalDomain)) {
            throw new IllegalArgumentException(normalDomain + " is a free-mail domain: referrals by domain never match it");
        }
        if (normalDomain != null && !companies.isCompany(normalDomain)) {
            throw new IllegalArgumentException(normalDomain + " is a disposable mail domain: it names no company");
        }
        Referral referral = referrals.register(advocate.id(), normalEmail, normalDomain, Instant.now(clock));
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("advocateCode", advocate.code());
        inputs.put(normalEmail != null ? "email" : "domain", normalEmail != null ? normalEmail : normalDomain);
        inputs.put("windowDays", rules.current().attribution().windowDays());
        decisions.record(referral.id(), advocate.id(), normalEmail != null ? normalEmail : normalDomain,
                "registration", "registered", inputs);
        return referral;
    }

    /**
     * The referral a paying customer belongs to, seen from billing: an existing decision for the email,
     * or a new attribution from the code the checkout carried or the email's company domain.
     * Empty when nothing links the customer to an advocate.
     */
    @Transactional
    public Optional<Referral> referralOfCustomer(String source, String email, String name, String referralCode) {
        String normal = Emails.normalise(email);
        if (normal == null) {
            return Optional.empty();
        }
        Optional<Referral> known = referrals.decidedFor(null, null, normal);
        if (known.isPresent()) {
            return known;
        }
        Map<String, String> fields = new java.util.HashMap<>();
        fields.put(ContactSnapshot.EMAIL, normal);
        if (referralCode != null) {
            fields.put(ContactSnapshot.REFERRAL_CODE, referralCode);
        }
        if (name != null) {
            fields.put(ContactSnapshot.FIRST_NAME, name);
        }
        attribute(new ContactSnapshot(source, null, fields, Instant.now(clock)));
        return referrals.decidedFor(null, null, normal);
    }

    /**
     * The referral a converting company belongs to, seen from a won deal's company or account: the
     * company's decided referral, or a domain registered for it inside the window (decided now). Empty
     * for free-mail and disposable domains, which name no company.
     */
    @Transactional
    public Optional<Referral> referralOfCompany(String domain) {
        String normal = Emails.normaliseDomain(domain);
        if (!companies.isCompany(normal)) {
            return Optional.empty();
        }
        Optional<Referral> decided = referrals.decidedForCompany(normal);
        if (decided.isPresent()) {
            return decided;
        }
        Instant now = Instant.now(clock);
        return referrals.openForCompany(normal, now.minus(java.time.Duration.ofDays(rules.current().attribution().windowDays())))
                .flatMap(open -> advocates.byId(open.advocateId()).filter(Advocate::active).map(advocate -> {
                    Referral referral = referrals.decide(open, null, null, null, Referral.Attribution.domain,
                            Referral.Status.attributed, null, now);
                    Map<String, Object> inputs = new LinkedHashMap<>();
                    inputs.put("domain", normal);
                    inputs.put("registeredAt", open.registeredAt().toString());
                    inputs.put("advocateEmail", advocate.email());
                    decisions.record(referral.id(), advocate.id(), "company:" + normal, "attribution-by-domain",
                            "attributed", inputs);
                    events.publishEvent(new ReferralDecided(referral, advocate));
                    advocateChanges.referralsChanged(advocate);
                    return referral;
                }));
    }

    /**
     * The referral that converts and earns the reward for this one: with {@code rewards.per: company},
     * the referral its company received; otherwise (and always for free-mail addresses) itself.
     */
    public Referral accountOf(Referral referral) {
        if (!rules.current().perCompany() || referral.companyReferralId() == null || !companies.isCompany(referral.referredDomain())) {
            return referral;
        }
        return referrals.byId(referral.companyReferralId()).orElse(referral);
    }

    public boolean perCompany() {
        return rules.current().perCompany();
    }

    public String linkFor(Advocate advocate) {
        return links.linkFor(advocate.code());
    }

    private void enrolOrLink(ContactSnapshot contact) {
        String email = contact.email();
        Optional<Advocate> existing = advocates.byContact(contact.crm(), contact.contactId())
                .or(() -> email == null ? Optional.empty() : advocates.byEmail(email));
        if (existing.isPresent()) {
            Advocate advocate = existing.get();
            if (advocate.crmContactId() == null) {
                Advocate linked = advocates.linkContact(advocate, contact.crm(), contact.contactId(), contact.name());
                decisions.record(null, linked.id(), subject(contact), "advocate-contact", "linked",
                        Map.of("crm", contact.crm(), "contactId", contact.contactId()));
                advocateChanges.enrolledOrLinked(linked);
            }
            return;
        }
        ProgrammeRules.Trigger trigger = rules.current().enrolment().firstMatch(contact.fields());
        if (trigger == null) {
            return;
        }
        if (email == null) {
            log.info("Contact {}/{} matches enrolment trigger {} but has no email; not enrolled",
                    contact.crm(), contact.contactId(), trigger.field());
            return;
        }
        Advocate advocate = advocates.enrol(email, contact.name(), contact.crm(), contact.contactId(), "trigger");
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("field", trigger.field());
        inputs.put("value", contact.fields().get(trigger.field()));
        inputs.put("trigger", trigger);
        decisions.record(null, advocate.id(), subject(contact), "enrolment", "enrolled", inputs);
        advocateChanges.enrolledOrLinked(advocate);
    }

    private void attribute(ContactSnapshot contact) {
        Optional<Evidence> found = attribution.evidenceFor(contact);
        if (found.isEmpty()) {
            return;
        }
        Evidence evidence = found.get();
        Optional<Referral> prior = referrals.decidedFor(contact.crm(), contact.contactId(), contact.email());
        if (prior.isPresent()) {
            keepFirst(contact, prior.get(), evidence);
            return;
        }
        Advocate advocate = evidence.advocate();
        String selfReferral = selfReferral(contact, advocate);
        Referral.Status status = selfReferral != null ? Referral.Status.rejected : Referral.Status.attributed;
        Referral company = selfReferral != null ? null : companyToJoin(contact, evidence);
        Instant now = Instant.now(clock);
        Referral referral = evidence.registered() != null
                ? referrals.decide(evidence.registered(), contact.email(), contact.crm(), contact.contactId(),
                evidence.attribution(), status, company == null ? null : company.id(), now)
                : referrals.create(advocate.id(), contact.email(), Emails.domainOf(contact.email()), contact.crm(),
                contact.contactId(), evidence.attribution(), status, company == null ? null : company.id(), now);
        Map<String, Object> inputs = new LinkedHashMap<>(evidence.inputs());
        inputs.put("advocateEmail", advocate.email());
        if (selfReferral != null) {
            inputs.put("reason", selfReferral);
            decisions.record(referral.id(), advocate.id(), subject(contact), "self-referral", "rejected", inputs);
        } else {
            if (company != null) {
                inputs.put("companyReferralId", company.id());
                inputs.put("rewardsPer", rules.current().rewards().per().name());
            }
            decisions.record(referral.id(), advocate.id(), subject(contact),
                    "attribution-by-" + evidence.attribution(), "attributed", inputs);
        }
        events.publishEvent(new ReferralDecided(referral, advocate, selfReferral));
        if (selfReferral == null) {
            advocateChanges.referralsChanged(advocate);
        }
    }

    /**
     * The company referral this contact joins: the one its domain evidence came from, or, per company,
     * the referral its company already received (however old: the company earns one reward, ever).
     */
    private Referral companyToJoin(ContactSnapshot contact, Evidence evidence) {
        if (evidence.company() != null) {
            return evidence.company();
        }
        if (evidence.attribution() == Referral.Attribution.domain || !rules.current().perCompany()) {
            // a domain registered for the company is the company's own referral
            return null;
        }
        String domain = Emails.domainOf(contact.email());
        if (!companies.isCompany(domain)) {
            return null;
        }
        return referrals.receivedByCompany(domain, Instant.EPOCH)
                .filter(r -> evidence.registered() == null || r.id() != evidence.registered().id())
                .map(r -> r.companyReferralId() == null ? r : referrals.byId(r.companyReferralId()).orElse(r))
                .orElse(null);
    }

    private void keepFirst(ContactSnapshot contact, Referral prior, Evidence evidence) {
        if (prior.advocateId() == evidence.advocate().id()) {
            return;
        }
        Map<String, Object> inputs = new LinkedHashMap<>(evidence.inputs());
        inputs.put("ignoredAdvocateId", evidence.advocate().id());
        inputs.put("ignoredAttribution", evidence.attribution().name());
        decisions.record(prior.id(), prior.advocateId(), subject(contact), "first-attribution-kept", "unchanged", inputs);
    }

    /**
     * Why the contact is the advocate themself, or null: the same mailbox (case, {@code +tags} and Gmail
     * dots aside), or the same company domain (free-mail domains say nothing about a company).
     */
    private String selfReferral(ContactSnapshot contact, Advocate advocate) {
        String email = contact.email();
        if (Emails.samePerson(email, advocate.email())) {
            return "same mailbox as the advocate";
        }
        String domain = Emails.domainOf(email);
        if (domain != null && !freeMail.contains(domain) && Objects.equals(domain, advocate.emailDomain())) {
            return "same company domain as the advocate";
        }
        return null;
    }

    private static String subject(ContactSnapshot contact) {
        return contact.crm() + ":" + contact.contactId() + (contact.email() == null ? "" : " <" + contact.email() + ">");
    }
}
