package io.referloop.referral;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An admin disables an advocate (their code and link stop attributing, manual attribution to them is refused, their
 * rewards are rejected) or enables them again, with a reason. The advocate row keeps the latest change, who made it
 * and why; the decision log keeps every change.
 */
@Service
public class AdvocateStatus {

    static final String RULE = "advocate-status";

    private final Advocates advocates;
    private final DecisionLog decisions;
    private final Clock clock;

    AdvocateStatus(Advocates advocates, DecisionLog decisions, Clock clock) {
        this.advocates = advocates;
        this.decisions = decisions;
        this.clock = clock;
    }

    @Transactional
    public Advocate disable(long advocateId, String reason, String by) {
        return change(advocateId, false, reason, by);
    }

    @Transactional
    public Advocate enable(long advocateId, String reason, String by) {
        return change(advocateId, true, reason, by);
    }

    private Advocate change(long advocateId, boolean enable, String reason, String by) {
        String why = AdvocateStatusRules.reason(reason, enable);
        String actor = AdvocateStatusRules.actor(by);
        Advocate advocate = advocates.byId(advocateId)
                .orElseThrow(() -> new AdvocateStatusRefused("no advocate has the id " + advocateId));
        String status = AdvocateStatusRules.next(advocate, enable);
        if (!advocates.changeStatus(advocate, status, actor, why, Instant.now(clock))) {
            throw new AdvocateStatusRefused("advocate " + advocate.code() + " changed meanwhile; look again");
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("by", actor);
        inputs.put("reason", why);
        inputs.put("previous", advocate.status());
        decisions.record(null, advocate.id(), advocate.email(), RULE, enable ? "enabled" : "disabled", inputs);
        return advocates.byId(advocateId).orElseThrow();
    }
}
