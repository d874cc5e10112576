package io.referloop.referral;

import io.referloop.mapping.LiveMapping;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the evidence that a contact was referred, strongest first: the advocate's code on the contact
 * ({@code link} when a click on that code's link came first, else {@code code}), then a referral
 * registered for the contact's email, then the company domain of that email (never a free-mail or
 * disposable domain): a domain registered for it, or a colleague's referral by code, link or email.
 * Registered referrals and company referrals count only inside the programme's window, counted from
 * the referral the company received: colleagues attributed through the domain do not renew it.
 */
@Component
class Attribution {

    private final Advocates advocates;
    private final Referrals referrals;
    private final Clicks clicks;
    private final CompanyDomains companies;
    private final LiveMapping<ProgrammeRules> rules;
    private final Clock clock;

    Attribution(Advocates advocates, Referrals referrals, Clicks clicks, CompanyDomains companies,
                LiveMapping<ProgrammeRules> rules, Clock clock) {
        this.advocates = advocates;
        this.referrals = referrals;
        this.clicks = clicks;
        this.companies = companies;
        this.rules = rules;
        this.clock = clock;
    }

    Optional<Evidence> evidenceFor(ContactSnapshot contact) {
        return byCode(contact).or(() -> byEmail(contact)).or(() -> byDomain(contact));
    }

    private Optional<Evidence> byCode(ContactSnapshot contact) {
        String code = contact.referralCode();
        if (code == null) {
            return Optional.empty();
        }
        return advocates.byCode(code).filter(Advocate::active)
                .filter(a -> !isOwnContact(a, contact))
                .map(a -> {
                    Instant now = Instant.now(clock);
                    Instant signedUp = contact.createdAt() == null ? now : contact.createdAt();
                    boolean clickedFirst = clicks.anyBetween(code, signedUp.minus(window()), signedUp);
                    Map<String, Object> inputs = inputs(contact);
                    inputs.put("referralCode", code);
                    inputs.put("clickBeforeSignUp", clickedFirst);
                    return new Evidence(a, clickedFirst ? Referral.Attribution.link : Referral.Attribution.code,
                            null, null, inputs);
                });
    }

    private Optional<Evidence> byEmail(ContactSnapshot contact) {
        String email = contact.email();
        if (email == null) {
            return Optional.empty();
        }
        return referrals.registeredForEmail(email, windowStart())
                .flatMap(r -> advocates.byId(r.advocateId()).filter(Advocate::active)
                        .map(a -> {
                            Map<String, Object> inputs = inputs(contact);
                            inputs.put("registeredReferralId", r.id());
                            inputs.put("registeredAt", r.registeredAt().toString());
                            return new Evidence(a, Referral.Attribution.email, r, null, inputs);
                        }));
    }

    private Optional<Evidence> byDomain(ContactSnapshot contact) {
        String domain = Emails.domainOf(contact.email());
        if (!companies.isCompany(domain)) {
            return Optional.empty();
        }
        return referrals.receivedByCompany(domain, windowStart())
                .flatMap(r -> advocates.byId(r.advocateId()).filter(Advocate::active)
                        .map(a -> {
                            Map<String, Object> inputs = inputs(contact);
                            inputs.put("domain", domain);
                            inputs.put("companyReferralId", r.id());
                            inputs.put("companyReferredAt", r.registeredAt().toString());
                            inputs.put("windowDays", rules.current().attribution().windowDays());
                            if (r.status() == Referral.Status.registered) {
                                return new Evidence(a, Referral.Attribution.domain, r, null, inputs);
                            }
                            Referral company = r.companyReferralId() == null ? r
                                    : referrals.byId(r.companyReferralId()).orElse(r);
                            return new Evidence(a, Referral.Attribution.domain, null, company, inputs);
                        }));
    }

    static boolean isOwnContact(Advocate advocate, ContactSnapshot contact) {
        return contact.contactId() != null && contact.contactId().equals(advocate.crmContactId())
                && contact.crm().equals(advocate.crm());
    }

    private Duration window() {
        return Duration.ofDays(rules.current().attribution().windowDays());
    }

    private Instant windowStart() {
        return Instant.now(clock).minus(window());
    }

    private static Map<String, Object> inputs(ContactSnapshot contact) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("crm", contact.crm());
        inputs.put("contactId", contact.contactId());
        inputs.put("email", contact.email());
        return inputs;
    }
}
