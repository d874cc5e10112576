package io.referloop.console;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsoleUsersTest {

    private final ConsoleSecurityConfiguration configuration = new ConsoleSecurityConfiguration();

    @Test
    void rolesIncludeTheOnesBelowThemAndPasswordsStayEncoded() {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode("s3cret");
        UserDetailsService users = configuration.consoleUsers(new ConsoleProperties(List.of(
                new ConsoleProperties.User("ada", hash, List.of("Admin"), null),
                new ConsoleProperties.User("vic", "{noop}x", List.of("viewer"), null))));
        assertThat(users.loadUserByUsername("ada").getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_VIEWER", "ROLE_APPROVER", "ROLE_ADMIN");
        assertThat(users.loadUserByUsername("vic").getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_VIEWER");
        assertThat(configuration.consolePasswordEncoder().matches("s3cret", users.loadUserByUsername("ada").getPassword()))
                .isTrue();
    }

    @Test
    void aPlainPasswordAnUnknownRoleOrNoRoleStopsTheStartWithoutShowingThePassword() {
        assertThatThrownBy(() -> configuration.consoleUsers(new ConsoleProperties(List.of(
                new ConsoleProperties.User("ada", "hunter2", List.of("admin"), null)))))
                .hasMessageContaining("ada").hasMessageContaining("{bcrypt}").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> configuration.consoleUsers(new ConsoleProperties(List.of(
                new ConsoleProperties.User("ada", "{noop}x", List.of("superuser"), null)))))
                .hasMessageContaining("superuser");
        assertThatThrownBy(() -> configuration.consoleUsers(new ConsoleProperties(List.of(
                new ConsoleProperties.User("ada", "{noop}x", List.of(), null)))))
                .hasMessageContaining("no roles");
        assertThat(new ConsoleProperties.User("ada", "{noop}hunter2", List.of("admin"), null).toString())
                .doesNotContain("hunter2");
    }
}
