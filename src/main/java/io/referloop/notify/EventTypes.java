package io.referloop.notify;

import io.referloop.referral.Advocate;
import io.referloop.referral.AdvocateChanged;
import io.referloop.referral.Referral;
import io.referloop.referral.ReferralDecided;
import io.referloop.reward.Reward;
import io.referloop.reward.RewardChanged;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * How domain events become the events routes and webhook receivers see. Pure: no database, no clock of its own.
 * The data carries the advocate, the referral and the reward as far as known, never a secret (no token, no key).
 */
public final class EventTypes {

    public static final String ADVOCATE_ENROLLED = "advocate.enrolled";
    public static final String REFERRAL_ATTRIBUTED = "referral.attributed";
    public static final String REFERRAL_REJECTED = "referral.rejected";
    public static final String REWARD_PENDING = "reward.pending";
    public static final String REWARD_HELD = "reward.held";
    public static final String REWARD_ISSUED = "reward.issued";
    public static final String REWARD_FAILED = "reward.failed";
    public static final String REWARD_CANCELED = "reward.canceled";
    public static final String REWARD_REJECTED = "reward.rejected";
    public static final String ADVOCATE_REMINDER_DUE = "advocate.reminder-due";

    public static final List<String> ALL = List.of(ADVOCATE_ENROLLED, REFERRAL_ATTRIBUTED, REFERRAL_REJECTED,
            REWARD_PENDING, REWARD_HELD, REWARD_ISSUED, REWARD_FAILED, REWARD_CANCELED, REWARD_REJECTED,
            ADVOCATE_REMINDER_DUE);

    private EventTypes() {
    }

    /** The event type of a reward in this status; empty while it is being ordered (ISSUING). */
    public static Optional<String> ofReward(Reward.Status status) {
        return Optional.ofNullable(switch (status) {
            case PENDING -> REWARD_PENDING;
            case HELD -> REWARD_HELD;
            case ISSUED -> REWARD_ISSUED;
            case FAILED -> REWARD_FAILED;
            case CANCELED -> REWARD_CANCELED;
            case REJECTED -> REWARD_REJECTED;
            case ISSUING -> null;
        });
    }

    public static Optional<DomainEvent> of(RewardChanged event, Instant now) {
        Reward reward = event.reward();
        if (reward == null || reward.beneficiary() != Reward.Beneficiary.advocate) {
            return Optional.empty();
        }
        return ofReward(reward.status()).map(type -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("advocate", advocate(event.advocate(), null));
            data.put("referral", referral(event.referral(), null));
            data.put("reward", reward(reward));
            return event(type, now, event.advocate().id(), "reward:" + reward.id(), data);
        });
    }

    public static Optional<DomainEvent> of(ReferralDecided event, Instant now) {
        Referral referral = event.referral();
        String type = switch (referral.status()) {
            case attributed -> REFERRAL_ATTRIBUTED;
            case rejected -> REFERRAL_REJECTED;
            default -> null;
        };
        if (type == null) {
            return Optional.empty();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("advocate", advocate(event.advocate(), null));
        data.put("referral", referral(referral, event.reason()));
        return Optional.of(event(type, now, event.advocate().id(), "referral:" + referral.id(), data));
    }

    /** {@code advocate.enrolled}: the caller publishes it once per advocate (the first change seen of them). */
    public static DomainEvent enrolled(AdvocateChanged event, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("advocate", advocate(event.advocate(), event.link()));
        return event(ADVOCATE_ENROLLED, now, event.advocate().id(), "advocate:" + event.advocate().id(), data);
    }

    public static DomainEvent reminderDue(Advocate advocate, String link, int reminder, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("advocate", advocate(advocate, link));
        data.put("reminder", reminder);
        return event(ADVOCATE_REMINDER_DUE, now, advocate.id(), "advocate:" + advocate.id() + ":reminder:" + reminder,
                data);
    }

    static DomainEvent event(String type, Instant now, Long advocateId, String subject, Map<String, Object> data) {
        return new DomainEvent("evt_" + UUID.randomUUID().toString().replace("-", ""), type, now, advocateId, subject,
                data);
    }

    static Map<String, Object> advocate(Advocate advocate, String link) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", advocate.id());
        data.put("code", advocate.code());
        data.put("email", advocate.email());
        data.put("name", advocate.name());
        if (link != null) {
            data.put("link", link);
        }
        data.put("status", advocate.status());
        data.put("crm", advocate.crm());
        data.put("crmContactId", advocate.crmContactId());
        return data;
    }

    static Map<String, Object> referral(Referral referral, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", referral.id());
        data.put("status", referral.status().name());
        data.put("attribution", referral.attribution() == null ? null : referral.attribution().name());
        data.put("referredEmail", referral.referredEmail());
        data.put("referredDomain", referral.referredDomain());
        data.put("crm", referral.crm());
        data.put("crmContactId", referral.crmContactId());
        if (reason != null) {
            data.put("reason", reason);
        }
        return data;
    }

    static Map<String, Object> reward(Reward reward) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", reward.id());
        data.put("status", reward.status().name());
        data.put("amount", reward.amount().toPlainString());
        data.put("currency", reward.currency());
        data.put("reason", reward.reason());
        data.put("provider", reward.provider());
        if (reward.status() == Reward.Status.FAILED) {
            data.put("error", reward.lastError());
        }
        return data;
    }
}
