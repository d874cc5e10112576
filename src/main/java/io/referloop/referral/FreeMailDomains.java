package io.referloop.referral;

import org.springframework.stereotype.Component;

/** Mailbox providers whose domain says nothing about a company: never matched by domain, never a self-referral by domain. */
@Component
public class FreeMailDomains {

    private final DomainList list;

    public FreeMailDomains(ProgrammeRules rules) {
        this.list = new DomainList("/free-mail-domains.txt", rules.attribution().extraFreeMailDomains());
    }

    public boolean contains(String domain) {
        return list.contains(domain);
    }
}
