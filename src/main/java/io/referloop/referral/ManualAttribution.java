package io.referloop.referral;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An admin attributes a person to an advocate by hand, or moves a referral to another advocate, with a reason.
 * The referral gets attribution {@code manual}; the decision log keeps who, when, why and what it was before;
 * the same {@link ReferralDecided} event as the automatic path carries the change to the CRM.
 * Every check runs before the first write, so a refusal changes nothing.
 */
@Service
public class ManualAttribution {

    static final String RULE = "manual-attribution";

    /**
     * @param crm       with {@code contactId}: the CRM record of the person, for a referral that has none yet
     *                  (a registered email referral, or a person attributed through {@code POST /api/attributions})
     */
    public record Request(String advocateCode, String reason, String by, String crm, String contactId) {
    }

    /** @param created a new referral; @param changed false when the referral already was exactly this */
    public record Outcome(Referral referral, boolean created, boolean changed) {
    }

    private final Referrals referrals;
    private final Advocates advocates;
    private final Reattributions reattributions;
    private final DecisionLog decisions;
    private final FreeMailDomains freeMail;
    private final ApplicationEventPublisher events;
    private final AdvocateChanges advocateChanges;
    private final Clock clock;

    ManualAttribution(Referrals referrals, Advocates advocates, Reattributions reattributions, DecisionLog decisions,
                      FreeMailDomains freeMail, ApplicationEventPublisher events, AdvocateChanges advocateChanges,
                      Clock clock) {
        this.referrals = referrals;
        this.advocates = advocates;
        this.reattributions = reattributions;
        this.decisions = decisions;
        this.freeMail = freeMail;
        this.events = events;
        this.advocateChanges = advocateChanges;
        this.clock = clock;
    }

    /** {@code POST /api/referrals/{id}/attribute}: a registered, attributed or rejected referral to this advocate. */
    @Transactional
    public Outcome attribute(long referralId, Request request, String principal) {
        Checked checked = check(request, principal);
        if (!reattributions.lock(referralId)) {
            throw AttributionRefused.notFound("no referral has the id " + referralId);
        }
        Advocate advocate = activeAdvocate(checked.code());
        return move(referrals.byId(referralId).orElseThrow(), advocate, checked);
    }

    /**
     * {@code POST /api/attributions}: a person (email, optionally their CRM record) to this advocate. A person who
     * already has a referral has it moved; anyone else gets a new referral.
     */
    @Transactional
    public Outcome attributePerson(String email, Request request, String principal) {
        Checked checked = check(request, principal);
        String normal = Emails.normalise(email);
        if (normal == null || Emails.domainOf(normal) == null) {
            throw AttributionRefused.invalid("email is required and must be an email address");
        }
        Advocate advocate = activeAdvocate(checked.code());
        Optional<Referral> existing = referrals.decidedFor(checked.crm(), checked.contactId(), normal);
        if (existing.isPresent()) {
            reattributions.lock(existing.get().id());
            return move(referrals.byId(existing.get().id()).orElseThrow(), advocate, checked);
        }
        Instant now = Instant.now(clock);
        Referral candidate = new Referral(0, advocate.id(), normal, Emails.domainOf(normal), checked.crm(),
                checked.contactId(), Referral.Attribution.manual, Referral.Status.attributed, now, now, null);
        refuseSelfReferral(candidate, advocate);
        Referral created = referrals.create(advocate.id(), normal, Emails.domainOf(normal), checked.crm(),
                checked.contactId(), Referral.Attribution.manual, Referral.Status.attributed, null, now);
        record(created, advocate, null, null, checked);
        publish(created, advocate, null);
        return new Outcome(created, true, true);
    }

    private Outcome move(Referral referral, Advocate advocate, Checked checked) {
        Referral target = withContact(referral, checked);
        if (referral.status() == Referral.Status.registered) {
            refuseUndecidable(target);
        }
        boolean decided = referral.status() != Referral.Status.registered && referral.status() != Referral.Status.rejected;
        if (decided && referral.advocateId() == advocate.id() && referral.attribution() == Referral.Attribution.manual
                && Objects.equals(target, referral)) {
            return new Outcome(referral, false, false);
        }
        refuseSelfReferral(target, advocate);
        if (referral.advocateId() != advocate.id()) {
            ManualAttributionRules.blockedByReward(referral.id(), reattributions.liveAdvocateRewards(referral.id()))
                    .ifPresent(why -> {
                        throw AttributionRefused.conflict(why);
                    });
        }
        Advocate previous = advocates.byId(referral.advocateId()).orElse(null);
        Referral.Status status = decided ? referral.status() : Referral.Status.attributed;
        reattributions.assign(referral.id(), advocate.id(), status, target.referredEmail(), target.crm(),
                target.crmContactId(), Instant.now(clock));
        Referral moved = referrals.byId(referral.id()).orElseThrow();
        record(moved, advocate, referral, previous, checked);
        publish(moved, advocate, previous);
        return new Outcome(moved, false, true);
    }

    /** The referral as it would be with the CRM record the request names, which may fill a missing one only. */
    private static Referral withContact(Referral referral, Checked checked) {
        if (checked.contactId() == null) {
            return referral;
        }
        if (referral.crmContactId() != null && !(referral.crmContactId().equals(checked.contactId())
                && Objects.equals(referral.crm(), checked.crm()))) {
            throw AttributionRefused.invalid("referral " + referral.id() + " belongs to " + referral.crm() + " record "
                    + referral.crmContactId() + ", not " + checked.crm() + " record " + checked.contactId());
        }
        return new Referral(referral.id(), referral.advocateId(), referral.referredEmail(), referral.referredDomain(),
                checked.crm(), checked.contactId(), referral.attribution(), referral.status(), referral.registeredAt(),
                referral.attributedAt(), referral.companyReferralId());
    }

    /** A registered referral becomes a person's: it must name one, and that person must not have another referral. */
    private void refuseUndecidable(Referral registered) {
        if (registered.referredEmail() == null) {
            throw AttributionRefused.conflict("referral " + registered.id() + " is registered for the domain "
                    + registered.referredDomain() + " and names no person; attribute the person with POST /api/attributions");
        }
        referrals.decidedFor(registered.crm(), registered.crmContactId(), registered.referredEmail())
                .filter(other -> other.id() != registered.id())
                .ifPresent(other -> {
                    throw AttributionRefused.conflict(registered.referredEmail() + " already has referral " + other.id()
                            + "; attribute that one");
                });
    }

    private void refuseSelfReferral(Referral referral, Advocate advocate) {
        if (ManualAttributionRules.isSelfReferral(referral, advocate, freeMail::contains)) {
            throw AttributionRefused.invalid("advocate " + advocate.code() + " cannot be credited with referral "
                    + (referral.id() == 0 ? "of " + referral.referredEmail() : referral.id())
                    + ": it is a self-referral (the advocate's own email, CRM record or company domain)");
        }
    }

    private Advocate activeAdvocate(String code) {
        Advocate advocate = advocates.byCode(code)
                .orElseThrow(() -> AttributionRefused.invalid("no advocate has the code " + code));
        if (!advocate.active()) {
            throw AttributionRefused.invalid("advocate " + code + " is " + advocate.status() + ", not active");
        }
        return advocate;
    }

    private void record(Referral now, Advocate advocate, Referral before, Advocate previousAdvocate, Checked checked) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("by", checked.actor());
        inputs.put("reason", checked.reason());
        inputs.put("advocateCode", advocate.code());
        inputs.put("advocateEmail", advocate.email());
        if (before != null) {
            Map<String, Object> previous = new LinkedHashMap<>();
            previous.put("advocateId", before.advocateId());
            previous.put("advocateCode", previousAdvocate == null ? null : previousAdvocate.code());
            previous.put("advocateEmail", previousAdvocate == null ? null : previousAdvocate.email());
            previous.put("status", before.status().name());
            previous.put("attribution", before.attribution() == null ? null : before.attribution().name());
            inputs.put("previous", previous);
        }
        boolean moved = before != null && before.advocateId() != advocate.id() && before.status() != Referral.Status.registered;
        decisions.record(now.id(), advocate.id(), subject(now), RULE, moved ? "moved" : "attributed", inputs);
    }

    /** The CRM writes of the automatic path, plus both advocates' referral counts. */
    private void publish(Referral referral, Advocate advocate, Advocate previous) {
        events.publishEvent(new ReferralDecided(referral, advocate));
        advocateChanges.referralsChanged(advocate);
        if (previous != null && previous.id() != advocate.id()) {
            advocateChanges.referralsChanged(previous);
        }
    }

    private static String subject(Referral referral) {
        String who = referral.referredEmail() != null ? referral.referredEmail() : referral.referredDomain();
        return referral.crmContactId() == null ? who : referral.crm() + ":" + referral.crmContactId() + " <" + who + ">";
    }

    private record Checked(String code, String reason, String actor, String crm, String contactId) {
    }

    private static Checked check(Request request, String principal) {
        if (request == null) {
            throw AttributionRefused.invalid("a JSON body with advocateCode and reason is required");
        }
        String reason = ManualAttributionRules.reason(request.reason());
        String code = ManualAttributionRules.advocateCode(request.advocateCode());
        String actor = ManualAttributionRules.actor(request.by(), principal);
        boolean hasCrm = request.crm() != null && !request.crm().isBlank();
        boolean hasContact = request.contactId() != null && !request.contactId().isBlank();
        if (hasCrm != hasContact) {
            throw AttributionRefused.invalid("give crm and contactId together, or neither");
        }
        return new Checked(code, reason, actor, hasCrm ? request.crm().strip().toLowerCase(java.util.Locale.ROOT) : null,
                hasContact ? request.contactId().strip() : null);
    }
}
