package io.referloop.billing;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * {@code referloop.stripe.webhook-secret}: the endpoint's {@code whsec_...} secret; several,
 * comma-separated, while one is rolled. Without one, Stripe is off.
 */
@ConfigurationProperties("referloop.stripe")
public record StripeProperties(List<String> webhookSecret) {

    public StripeProperties {
        webhookSecret = webhookSecret == null ? List.of()
                : webhookSecret.stream().filter(s -> s != null && !s.isBlank()).toList();
    }

    public boolean enabled() {
        return !webhookSecret.isEmpty();
    }

    @Override
    public String toString() {
        return "StripeProperties[webhookSecret=" + webhookSecret.size() + " configured]";
    }
}
