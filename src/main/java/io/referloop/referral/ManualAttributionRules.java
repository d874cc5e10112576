package io.referloop.referral;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/** The checks of a manual attribution that need no database: plain functions, tested without Spring. */
final class ManualAttributionRules {

    static final int MAX_REASON = 1000;
    static final int MAX_ACTOR = 100;

    private ManualAttributionRules() {
    }

    /** The reason the decision log keeps; an attribution nobody can explain later is refused. */
    static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw AttributionRefused.invalid("reason is required: say why this referral belongs to that advocate");
        }
        String trimmed = reason.strip();
        if (trimmed.length() > MAX_REASON) {
            throw AttributionRefused.invalid("reason is longer than " + MAX_REASON + " characters");
        }
        return trimmed;
    }

    /**
     * Who acted: the body's {@code by} when given, since everyone calling with the shared admin token is the
     * same principal and the log should name the person; else the authenticated principal.
     */
    static String actor(String by, String principal) {
        if (by != null && !by.isBlank()) {
            String trimmed = by.strip();
            if (trimmed.length() > MAX_ACTOR) {
                throw AttributionRefused.invalid("by is longer than " + MAX_ACTOR + " characters");
            }
            return trimmed;
        }
        return principal == null || principal.isBlank() ? "admin" : principal;
    }

    static String advocateCode(String code) {
        if (code == null || code.isBlank()) {
            throw AttributionRefused.invalid("advocateCode is required");
        }
        return code.strip().toUpperCase(Locale.ROOT);
    }

    /**
     * The same test the automatic path applies: the advocate's own email, the advocate's own CRM record, or the
     * same company domain (a free-mail domain says nothing about a company).
     */
    static boolean isSelfReferral(Referral referral, Advocate advocate, Predicate<String> freeMail) {
        String email = referral.referredEmail();
        if (Emails.samePerson(email, advocate.email())) {
            return true;
        }
        if (referral.crmContactId() != null && referral.crmContactId().equals(advocate.crmContactId())
                && Objects.equals(referral.crm(), advocate.crm())) {
            return true;
        }
        String domain = email != null ? Emails.domainOf(email) : referral.referredDomain();
        return domain != null && !freeMail.test(domain) && domain.equals(advocate.emailDomain());
    }

    /** A reward of the referral's advocate that is still alive (neither rejected nor canceled). */
    record LiveReward(long id, String status, String amount, String currency) {

        boolean moneyGone() {
            return "ISSUED".equals(status) || "ISSUING".equals(status);
        }
    }

    /**
     * Why the referral cannot change advocate, if it cannot: its reward belongs to the current advocate. Issued or
     * being ordered, the money already went to them; pending, held or failed, it would still go to them, since a
     * reward keeps the advocate it was created for.
     */
    static Optional<String> blockedByReward(long referralId, List<LiveReward> rewards) {
        return rewards.stream().findFirst().map(r -> r.moneyGone()
                ? "referral " + referralId + " cannot move: reward " + r.id() + " (" + r.amount() + " " + r.currency()
                  + ") is " + r.status().toLowerCase(Locale.ROOT) + ", the money already went to the current advocate"
                : "referral " + referralId + " has reward " + r.id() + " (" + r.status().toLowerCase(Locale.ROOT)
                  + ") for its current advocate, who would still be paid; reject or cancel that reward first");
    }
}
