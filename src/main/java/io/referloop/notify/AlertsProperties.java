package io.referloop.notify;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code referloop.alerts.*}: admin alerts. {@code slackWebhookUrl}: a Slack incoming webhook; none: no alerts. */
@ConfigurationProperties("referloop.alerts")
public record AlertsProperties(String slackWebhookUrl) {

    public boolean slack() {
        return slackWebhookUrl != null && !slackWebhookUrl.isBlank();
    }
}
