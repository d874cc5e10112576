package io.referloop.billing;

/** What became of a billing event: used (the inbox row is done) or not, with the reason the row keeps. */
record BillingOutcome(boolean used, String reason) {

    static final BillingOutcome DONE = new BillingOutcome(true, null);

    static BillingOutcome ignored(String reason) {
        return new BillingOutcome(false, reason);
    }
}
