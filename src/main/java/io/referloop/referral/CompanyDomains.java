package io.referloop.referral;

import org.springframework.stereotype.Component;

/** Whether a mail domain names a company: not a free-mail provider, not a throwaway mailbox. */
@Component
public class CompanyDomains {

    private final FreeMailDomains freeMail;
    private final DisposableDomains disposable;

    public CompanyDomains(FreeMailDomains freeMail, DisposableDomains disposable) {
        this.freeMail = freeMail;
        this.disposable = disposable;
    }

    public boolean isCompany(String domain) {
        return domain != null && !freeMail.contains(domain) && !disposable.contains(domain);
    }
}
