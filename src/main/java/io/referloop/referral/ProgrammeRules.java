package io.referloop.referral;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * {@code mappings/program.yaml}: the rules of the referral programme (schema: schemas/program.schema.json).
 * The {@code rewards:} section is bound by the reward package; this side reads only whether a referral
 * is to a company or to a person, since that decides which referral a colleague joins.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProgrammeRules(Programme programme, Enrolment enrolment, Attribution attribution, RewardScope rewards) {

    public ProgrammeRules {
        rewards = rewards == null ? new RewardScope(null) : rewards;
    }

    /** One advocate reward per referred company (colleagues join its referral) or per referred person. */
    public enum Per {
        company, person;

        @com.fasterxml.jackson.annotation.JsonCreator
        static Per of(String value) {
            return valueOf(value.trim().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RewardScope(Per per) {
        public RewardScope {
            per = per == null ? Per.company : per;
        }
    }

    public boolean perCompany() {
        return rewards.per() == Per.company;
    }

    public record Programme(String name, URI landingUrl) {
    }

    public record Enrolment(List<Trigger> triggers) {

        /** The first trigger the contact satisfies, or null. */
        public Trigger firstMatch(Map<String, String> fields) {
            return triggers.stream().filter(t -> t.matches(fields.get(t.field()))).findFirst().orElse(null);
        }
    }

    /** A contact becomes an advocate when {@code field} holds a value in [atLeast, atMost] or equal to {@code equals}. */
    public record Trigger(String field, BigDecimal atLeast, BigDecimal atMost, String equals) {

        public boolean matches(String value) {
            if (value == null || value.isBlank()) {
                return false;
            }
            if (equals != null) {
                return equals.equalsIgnoreCase(value.trim());
            }
            BigDecimal number;
            try {
                number = new BigDecimal(value.trim());
            } catch (NumberFormatException e) {
                return false;
            }
            return (atLeast == null || number.compareTo(atLeast) >= 0)
                    && (atMost == null || number.compareTo(atMost) <= 0);
        }
    }

    /**
     * @param latePaymentDays how long a first payment waits for its payer's attribution (default 7)
     */
    public record Attribution(int windowDays, List<String> extraFreeMailDomains, Integer latePaymentDays,
                              List<String> extraDisposableDomains) {
        public Attribution {
            extraFreeMailDomains = extraFreeMailDomains == null ? List.of() : List.copyOf(extraFreeMailDomains);
            extraDisposableDomains = extraDisposableDomains == null ? List.of() : List.copyOf(extraDisposableDomains);
            latePaymentDays = latePaymentDays == null ? 7 : latePaymentDays;
        }
    }
}
