package io.referloop.console;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code referloop.console.users[n]}: who may open the console. {@code password} is a Spring Security encoded
 * string ({@code {bcrypt}$2a$10$...}, or {@code {noop}secret} for a trial), never a bare password; roles are
 * {@code viewer} (reads), {@code approver} (decides rewards, and reads) and {@code admin} (everything).
 * {@code email}: optional, the person's mailbox when the username is not one (nobody approves a reward to it).
 */
@ConfigurationProperties("referloop.console")
public record ConsoleProperties(List<User> users) {

    public ConsoleProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    public record User(String username, String password, List<String> roles, String email) {

        public User {
            roles = roles == null ? List.of() : roles.stream().map(r -> r.trim().toLowerCase(Locale.ROOT)).toList();
        }

        /** The mailbox of this person: {@code email}, else the username when it is an address. */
        public String mailbox() {
            if (email != null && !email.isBlank()) {
                return email.trim();
            }
            return username != null && username.contains("@") ? username.trim() : null;
        }

        @Override
        public String toString() {
            return "User[username=" + username + ", roles=" + roles + ", password=****]";
        }
    }

    /** The user whose mailbox this address is (case aside): how people signed in elsewhere are recognised. */
    public Optional<User> withMailbox(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        String wanted = email.strip().toLowerCase(Locale.ROOT);
        return users.stream()
                .filter(u -> u.mailbox() != null && u.mailbox().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }

    /** The mailbox of the user signed in under this name: theirs, else the name itself when it is an address. */
    public String mailboxOf(String username) {
        return users.stream().filter(u -> username.equals(u.username() == null ? null : u.username().trim()))
                .map(User::mailbox).findFirst().orElse(username.contains("@") ? username : null);
    }

    @Override
    public String toString() {
        return "ConsoleProperties[users=" + users + "]";
    }
}
