package io.referloop.notify;

import io.referloop.referral.Advocates;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The one-click opt-out: no more mail to the advocate, and the CRM field {@code referral_email_opt_out} queued with it. */
@Service
public class Unsubscribes {

    private final MailPreferences preferences;
    private final Advocates advocates;
    private final ApplicationEventPublisher events;

    Unsubscribes(MailPreferences preferences, Advocates advocates, ApplicationEventPublisher events) {
        this.preferences = preferences;
        this.advocates = advocates;
        this.events = events;
    }

    /** Whether the token was known; unsubscribing twice is harmless. */
    @Transactional
    public boolean unsubscribe(String token) {
        return preferences.optOut(token).flatMap(advocates::byId).map(advocate -> {
            events.publishEvent(new AdvocateOptedOut(advocate));
            return true;
        }).orElse(false);
    }
}
