package io.referloop.notify;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code referloop.notifications.*}: advocate emails (SMTP itself is Spring Boot's {@code spring.mail.*}).
 *
 * @param from          the sender, e.g. {@code Referrals <referrals@example.com>}
 * @param templatesDir  the folder of the email templates, checked at start
 */
@ConfigurationProperties("referloop.notifications")
public record NotificationsProperties(String from, @DefaultValue("templates") String templatesDir) {
}
