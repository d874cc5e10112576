package io.referloop.console;

import java.util.List;
import java.util.Locale;

/** The console's roles, each including the ones below it: admin ⊇ approver ⊇ viewer. */
public enum ConsoleRole {
    VIEWER, APPROVER, ADMIN;

    /** The Spring Security authorities a user with this role has ({@code ROLE_VIEWER}, ...). */
    List<String> authorities() {
        return switch (this) {
            case VIEWER -> List.of("ROLE_VIEWER");
            case APPROVER -> List.of("ROLE_VIEWER", "ROLE_APPROVER");
            case ADMIN -> List.of("ROLE_VIEWER", "ROLE_APPROVER", "ROLE_ADMIN");
        };
    }

    static ConsoleRole of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown console role '" + name + "': use viewer, approver or admin");
        }
    }
}
