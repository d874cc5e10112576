package io.referloop.notify;

import io.referloop.mapping.MappingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped templates render; a missing or broken one stops start-up with its file and the reason. */
class MailTemplatesTest {

    @Test
    void theShippedTemplatesRenderWithoutTheFriendsData() {
        MailTemplates templates = new MailTemplates(new NotificationsProperties(null, "templates"));
        MailTemplates.Mail mail = templates.render("advocate-enrolled", MailTemplates.sample());
        assertThat(mail.subject()).isEqualTo("Your referral link is ready");
        assertThat(mail.text()).contains("Hi Ada,", "ADA123", "https://referloop.example.com/r/ADA123",
                "https://referloop.example.com/unsubscribe/sample");
        assertThat(mail.html()).contains("<strong>ADA123</strong>", "href=\"https://referloop.example.com/unsubscribe/sample\"");
    }

    @Test
    void aMissingTemplateIsNamed(@TempDir Path dir) throws IOException {
        copyShipped(dir);
        Files.delete(dir.resolve("reward-held.html"));
        assertThatThrownBy(() -> new MailTemplates(new NotificationsProperties(null, dir.toString())))
                .isInstanceOf(MappingException.class).hasMessageContaining("reward-held.html").hasMessageContaining("missing");
    }

    @Test
    void aBrokenTemplateIsNamedWithTheReason(@TempDir Path dir) throws IOException {
        copyShipped(dir);
        Files.writeString(dir.resolve("reward-issued.txt"), "Subject: Sent\nYour card: [[${reward.amount.}]]\n");
        assertThatThrownBy(() -> new MailTemplates(new NotificationsProperties(null, dir.toString())))
                .isInstanceOf(MappingException.class).hasMessageContaining("reward-issued");
    }

    @Test
    void aTextTemplateWithoutSubjectIsRefused(@TempDir Path dir) throws IOException {
        copyShipped(dir);
        Files.writeString(dir.resolve("reward-issued.txt"), "Your card is on its way\n");
        assertThatThrownBy(() -> new MailTemplates(new NotificationsProperties(null, dir.toString())))
                .isInstanceOf(MappingException.class).hasMessageContaining("reward-issued.txt").hasMessageContaining("Subject:");
    }

    private static void copyShipped(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("templates"))) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName().toString()));
            }
        }
    }
}
