package io.referloop.notify;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.referral.ReferralLinks;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.component.mail.MailConstants;
import org.apache.camel.component.mail.MailEndpoint;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Bean {@code advocateMail} (route {@code notify-mail}): the email an event means for its advocate, rendered from
 * {@code templates/} and sent over SMTP with camel-mail, configured from Spring Boot's {@code spring.mail.*}.
 * Nothing is sent without {@code spring.mail.host}, to an advocate who unsubscribed, or twice for one event.
 * Every email carries RFC 8058 one-click unsubscribe headers. The referred friend appears by first name at most.
 */
@Component("advocateMail")
public class AdvocateMail {

    static final String CHANNEL = "mail";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final MailProperties smtp;
    private final NotificationsProperties properties;
    private final MailTemplates templates;
    private final MailPreferences preferences;
    private final NotificationLog log;
    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final ObjectMapper json;
    private final ReferralLinks links;
    private final String baseUrl;
    private String endpointUri;

    AdvocateMail(Environment environment, NotificationsProperties properties, MailTemplates templates,
                 MailPreferences preferences, NotificationLog log, CamelContext camel, ProducerTemplate producer,
                 ObjectMapper json, ReferralLinks links, @Value("${referloop.public-base-url:http://localhost:8080}") String baseUrl) {
        this.smtp = Binder.get(environment).bind("spring.mail", MailProperties.class).orElseGet(MailProperties::new);
        this.properties = properties;
        this.templates = templates;
        this.preferences = preferences;
        this.log = log;
        this.camel = camel;
        this.producer = producer;
        this.json = json;
        this.links = links;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    public boolean enabled() {
        return smtp.getHost() != null && !smtp.getHost().isBlank();
    }

    @SuppressWarnings("unchecked")
    public void send(@Body String event) throws Exception {
        if (!enabled()) {
            return;
        }
        Map<String, Object> parsed = json.readValue(event, MAP);
        String id = (String) parsed.get("id");
        String name = MailTemplates.nameOf((String) parsed.get("type")).orElse(null);
        Map<String, Object> data = (Map<String, Object>) parsed.getOrDefault("data", Map.of());
        Map<String, Object> advocate = new LinkedHashMap<>((Map<String, Object>) data.getOrDefault("advocate", Map.of()));
        Object email = advocate.get("email");
        if (name == null || email == null || !(advocate.get("id") instanceof Number advocateId)) {
            return;
        }
        if (preferences.optedOut(advocateId.longValue()) || log.done(id, CHANNEL)) {
            return;
        }
        String unsubscribe = baseUrl + "/unsubscribe/" + preferences.tokenFor(advocateId.longValue());
        advocate.put("firstName", firstName((String) advocate.get("name")));
        if (advocate.get("link") == null && advocate.get("code") != null) {
            advocate.put("link", links.linkFor((String) advocate.get("code")));
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("advocate", advocate);
        // nothing about the referred friend but what the event knows of a first name (today: nothing)
        variables.put("referral", Map.of());
        variables.put("reward", data.getOrDefault("reward", Map.of()));
        variables.put("reminder", data.get("reminder"));
        variables.put("unsubscribeUrl", unsubscribe);
        MailTemplates.Mail mail = templates.render(name, variables);
        Exchange sent = producer.send(endpoint(), exchange -> {
            var message = exchange.getMessage();
            message.setHeader(MailConstants.MAIL_TO, email);
            message.setHeader(MailConstants.MAIL_SUBJECT, mail.subject());
            message.setHeader(MailConstants.MAIL_CONTENT_TYPE, "text/html; charset=UTF-8");
            message.setHeader(MailConstants.MAIL_ALTERNATIVE_BODY, mail.text());
            message.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            message.setBody(mail.html());
        });
        if (sent.getException() != null) {
            throw sent.getException();
        }
        log.record(id, CHANNEL);
    }

    static String firstName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return name.strip().split("\\s+")[0];
    }

    /** The SMTP endpoint, configured once from spring.mail.* (credentials set on it, never in its URI). */
    private synchronized String endpoint() {
        if (endpointUri == null) {
            String protocol = smtp.getProtocol() == null ? "smtp" : smtp.getProtocol();
            String uri = protocol + "://" + smtp.getHost() + (smtp.getPort() == null ? "" : ":" + smtp.getPort());
            MailConfiguration configuration = camel.getEndpoint(uri, MailEndpoint.class).getConfiguration();
            if (smtp.getUsername() != null && !smtp.getUsername().isBlank()) {
                configuration.setUsername(smtp.getUsername());
                configuration.setPassword(smtp.getPassword());
            }
            if (properties.from() != null && !properties.from().isBlank()) {
                configuration.setFrom(properties.from());
            }
            Properties extra = new Properties();
            extra.putAll(smtp.getProperties());
            configuration.setAdditionalJavaMailProperties(extra);
            endpointUri = uri;
        }
        return endpointUri;
    }
}
