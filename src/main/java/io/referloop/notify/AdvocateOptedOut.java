package io.referloop.notify;

import io.referloop.referral.Advocate;

/** Published (inside the opt-out's transaction) when an advocate unsubscribed: CRMs get {@code referral_email_opt_out}. */
public record AdvocateOptedOut(Advocate advocate) {
}
