package io.referloop.referral;

import java.util.Map;

/** Why a contact may be a referral of {@code advocate}: the attribution kind, the registered referral it matched, the inputs. */
record Evidence(Advocate advocate, Referral.Attribution attribution, Referral registered, Map<String, Object> inputs) {
}
