package io.referloop.referral;

import io.referloop.mapping.LiveMapping;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * Throwaway mailbox domains: an advocate or a referred person using one is a common sign of a farmed
 * referral, so rewards involving one wait for review. Like free-mail, such a domain is no company.
 */
@Component
public class DisposableDomains {

    private final Supplier<DomainList> list;

    public DisposableDomains(LiveMapping<ProgrammeRules> rules) {
        this.list = rules.derive(r -> new DomainList("/disposable-domains.txt", r.attribution().extraDisposableDomains()));
    }

    public boolean contains(String domain) {
        return list.get().contains(domain);
    }

    public boolean containsAddress(String email) {
        return list.get().contains(Emails.domainOf(email));
    }
}
