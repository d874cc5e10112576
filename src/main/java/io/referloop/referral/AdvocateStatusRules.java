package io.referloop.referral;

/**
 * The rule of disabling and enabling an advocate by hand, without a database: plain functions, tested without
 * Spring. A disabled advocate keeps their referrals, but their code, link and registered referrals attribute
 * nobody new, manual attribution to them is refused and their rewards are rejected.
 */
final class AdvocateStatusRules {

    static final int MAX_REASON = 1000;
    static final int MAX_ACTOR = 320;

    private AdvocateStatusRules() {
    }

    /**
     * The status the advocate gets; a change to the status it already has is refused, so the log stays true. Only
     * active and disabled advocates change: an erased person, above all, is never brought back.
     */
    static String next(Advocate advocate, boolean enable) {
        if (!Advocate.ACTIVE.equals(advocate.status()) && !Advocate.DISABLED.equals(advocate.status())) {
            throw new AdvocateStatusRefused("advocate " + advocate.code() + " is " + advocate.status()
                    + "; only an active or disabled advocate can be " + (enable ? "enabled" : "disabled"));
        }
        String wanted = enable ? Advocate.ACTIVE : Advocate.DISABLED;
        if (wanted.equals(advocate.status())) {
            throw new AdvocateStatusRefused("advocate " + advocate.code() + " is " + wanted + " already");
        }
        return wanted;
    }

    /** A state change nobody can explain later is refused. */
    static String reason(String reason, boolean enable) {
        if (reason == null || reason.isBlank()) {
            throw new AdvocateStatusRefused("a reason is required: say why this advocate is "
                    + (enable ? "enabled again" : "disabled"));
        }
        String trimmed = reason.strip();
        if (trimmed.length() > MAX_REASON) {
            throw new AdvocateStatusRefused("the reason is longer than " + MAX_REASON + " characters");
        }
        return trimmed;
    }

    static String actor(String by) {
        if (by == null || by.isBlank()) {
            throw new AdvocateStatusRefused("who changes the advocate is required");
        }
        String trimmed = by.strip();
        if (trimmed.length() > MAX_ACTOR) {
            throw new AdvocateStatusRefused("the name of who changes the advocate is longer than " + MAX_ACTOR + " characters");
        }
        return trimmed;
    }
}
