package io.referloop.referral;

import io.referloop.mapping.LiveMapping;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/** Mailbox providers whose domain says nothing about a company: never matched by domain, never a self-referral by domain. */
@Component
public class FreeMailDomains {

    private final Supplier<DomainList> list;

    public FreeMailDomains(LiveMapping<ProgrammeRules> rules) {
        this.list = rules.derive(r -> new DomainList("/free-mail-domains.txt", r.attribution().extraFreeMailDomains()));
    }

    public boolean contains(String domain) {
        return list.get().contains(domain);
    }
}
