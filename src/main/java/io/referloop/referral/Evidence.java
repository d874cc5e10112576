package io.referloop.referral;

import java.util.Map;

/**
 * Why a contact may be a referral of {@code advocate}: the attribution kind, the registered referral it
 * matched (to be decided for this contact), the referral the contact's company received when the
 * evidence is the company's domain, and the inputs for the decision log.
 */
record Evidence(Advocate advocate, Referral.Attribution attribution, Referral registered, Referral company,
                Map<String, Object> inputs) {
}
