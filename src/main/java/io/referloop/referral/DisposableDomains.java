package io.referloop.referral;

import org.springframework.stereotype.Component;

/**
 * Throwaway mailbox domains: an advocate or a referred person using one is a common sign of a farmed
 * referral, so rewards involving one wait for review. Like free-mail, such a domain is no company.
 */
@Component
public class DisposableDomains {

    private final DomainList list;

    public DisposableDomains(ProgrammeRules rules) {
        this.list = new DomainList("/disposable-domains.txt", rules.attribution().extraDisposableDomains());
    }

    public boolean contains(String domain) {
        return list.contains(domain);
    }

    public boolean containsAddress(String email) {
        return list.contains(Emails.domainOf(email));
    }
}
