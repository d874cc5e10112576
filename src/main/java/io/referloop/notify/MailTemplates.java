package io.referloop.notify;

import io.referloop.mapping.MappingException;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.FileTemplateResolver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The advocate email templates in {@code templates/} (Thymeleaf): per event type a plain-text {@code <name>.txt}
 * whose first line is {@code Subject: ...}, and an HTML {@code <name>.html}. All are rendered once at start with
 * sample values: a missing or broken template stops start-up, naming the file and the reason.
 */
@Component
public class MailTemplates {

    /** Event type to template name; a type not listed here is not mailed. */
    static final Map<String, String> BY_TYPE = Map.of(
            EventTypes.ADVOCATE_ENROLLED, "advocate-enrolled",
            EventTypes.REFERRAL_ATTRIBUTED, "referral-attributed",
            EventTypes.REWARD_ISSUED, "reward-issued",
            EventTypes.REWARD_HELD, "reward-held",
            EventTypes.REWARD_REJECTED, "reward-rejected",
            EventTypes.ADVOCATE_REMINDER_DUE, "advocate-reminder-due");

    /** One rendered email. */
    public record Mail(String subject, String text, String html) {
    }

    private final Path dir;
    private final TemplateEngine text;
    private final TemplateEngine html;

    MailTemplates(NotificationsProperties properties) {
        this.dir = Path.of(properties.templatesDir()).toAbsolutePath().normalize();
        this.text = engine(TemplateMode.TEXT, ".txt");
        this.html = engine(TemplateMode.HTML, ".html");
        check();
    }

    public static Optional<String> nameOf(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public Mail render(String name, Map<String, Object> variables) {
        Context context = new Context(java.util.Locale.ENGLISH, variables);
        String rendered = text.process(name, context);
        String firstLine = rendered.lines().findFirst().orElse("");
        if (!firstLine.startsWith("Subject:")) {
            throw new MappingException(dir.resolve(name + ".txt") + ": line 1: must be \"Subject: ...\"");
        }
        String body = rendered.substring(rendered.indexOf('\n') + 1).stripLeading();
        return new Mail(firstLine.substring("Subject:".length()).strip(), body, html.process(name, context));
    }

    private void check() {
        for (String name : BY_TYPE.values()) {
            for (String suffix : new String[] {".txt", ".html"}) {
                Path file = dir.resolve(name + suffix);
                if (!Files.isRegularFile(file)) {
                    throw new MappingException(file + ": missing (every advocate email needs a .txt and an .html template)");
                }
            }
            try {
                render(name, sample());
            } catch (MappingException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new MappingException(dir.resolve(name) + ".txt/.html: " + rootMessage(e), e);
            }
        }
    }

    /** Values like those of a real email, so a template that reads a wrong name fails at start, not at the first email. */
    static Map<String, Object> sample() {
        Map<String, Object> advocate = new LinkedHashMap<>();
        advocate.put("id", 1L);
        advocate.put("name", "Ada Lovelace");
        advocate.put("firstName", "Ada");
        advocate.put("email", "ada@example.com");
        advocate.put("code", "ADA123");
        advocate.put("link", "https://referloop.example.com/r/ADA123");
        Map<String, Object> referral = new LinkedHashMap<>();
        referral.put("firstName", "Grace");
        Map<String, Object> reward = new LinkedHashMap<>();
        reward.put("amount", "50");
        reward.put("currency", "USD");
        reward.put("reason", "above the review threshold");
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("advocate", advocate);
        variables.put("referral", referral);
        variables.put("reward", reward);
        variables.put("reminder", 1);
        variables.put("unsubscribeUrl", "https://referloop.example.com/unsubscribe/sample");
        return variables;
    }

    private TemplateEngine engine(TemplateMode mode, String suffix) {
        FileTemplateResolver resolver = new FileTemplateResolver();
        resolver.setPrefix(dir.toString() + java.io.File.separator);
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(false);
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? e.getMessage() : root.getMessage();
    }
}
