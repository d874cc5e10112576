package io.referloop.referral;

import java.time.Instant;
import java.util.Map;

/** One entry of the decision log: which rule decided what about whom, and on what inputs. */
public record Decision(long id, Long referralId, Long advocateId, String subject, String rule, String outcome,
                       Map<String, Object> inputs, Instant decidedAt) {
}
