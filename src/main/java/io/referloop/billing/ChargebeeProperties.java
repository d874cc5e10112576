package io.referloop.billing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code referloop.chargebee.webhook-username} / {@code webhook-password}: the HTTP basic credentials
 * set on the Chargebee webhook (Chargebee signs nothing). Without them, Chargebee is off.
 */
@ConfigurationProperties("referloop.chargebee")
public record ChargebeeProperties(String webhookUsername, String webhookPassword) {

    public boolean enabled() {
        return webhookUsername != null && !webhookUsername.isBlank() && webhookPassword != null && !webhookPassword.isBlank();
    }

    @Override
    public String toString() {
        return "ChargebeeProperties[webhookUsername=" + webhookUsername + ", webhookPassword=****]";
    }
}
