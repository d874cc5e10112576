package io.referloop.console;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsoleOidcUsersTest {

    private final ConsoleOidcUsers users = new ConsoleOidcUsers(request -> {
        throw new UnsupportedOperationException();
    }, new ConsoleProperties(List.of(
            new ConsoleProperties.User("ada@example.com", "{noop}x", List.of("admin"), null),
            new ConsoleProperties.User("bob", "{noop}x", List.of("approver"), "Bob@Example.com"),
            new ConsoleProperties.User("vic", "{noop}x", List.of("viewer"), null))));

    @Test
    void theProviderVouchesForTheEmailAndTheConsoleUserWithItGivesTheRoles() {
        OidcUser ada = users.withConsoleRoles(oidc("ada@example.com", true));
        assertThat(ada.getName()).isEqualTo("ada@example.com");
        assertThat(ada.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_VIEWER", "ROLE_APPROVER", "ROLE_ADMIN");

        OidcUser bob = users.withConsoleRoles(oidc("bob@example.com", null));
        assertThat(bob.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_VIEWER", "ROLE_APPROVER");
    }

    @Test
    void strangersUnverifiedEmailsAndUsersWithoutAnEmailAreRefused() {
        assertThatThrownBy(() -> users.withConsoleRoles(oidc("eve@example.com", true)))
                .isInstanceOf(OAuth2AuthenticationException.class).hasMessageContaining("not a console user");
        assertThatThrownBy(() -> users.withConsoleRoles(oidc("ada@example.com", false)))
                .isInstanceOf(OAuth2AuthenticationException.class).hasMessageContaining("not verified");
        // vic has neither an email nor an address as username: nobody can sign in as vic through the provider
        assertThat(users.userWithEmail("vic")).isEmpty();
    }

    private static OidcUser oidc(String email, Boolean verified) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "subject-" + email);
        claims.put("email", email);
        if (verified != null) {
            claims.put("email_verified", verified);
        }
        OidcIdToken token = new OidcIdToken("token", Instant.now(), Instant.now().plusSeconds(60), claims);
        return new DefaultOidcUser(List.of(), token);
    }
}
