package io.referloop.console;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * OpenID Connect sign-in (Google Workspace, Okta, Entra, ...): the identity provider vouches for the email, and the
 * roles come from the console user with that email in {@code referloop.console.users} (its {@code email}, or its
 * username when that is an address; the password is not used then). Anyone else is refused, as is an email the
 * provider says is not verified. The signed-in name is the email.
 */
class ConsoleOidcUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OAuth2UserService<OidcUserRequest, OidcUser> delegate;
    private final ConsoleProperties properties;

    ConsoleOidcUsers(ConsoleProperties properties) {
        this(new OidcUserService(), properties);
    }

    ConsoleOidcUsers(OAuth2UserService<OidcUserRequest, OidcUser> delegate, ConsoleProperties properties) {
        this.delegate = delegate;
        this.properties = properties;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser user = delegate.loadUser(request);
        return withConsoleRoles(user);
    }

    OidcUser withConsoleRoles(OidcUser user) {
        String email = user.getEmail();
        if (email == null || email.isBlank()) {
            throw refused("the identity provider gave no email");
        }
        if (Boolean.FALSE.equals(user.getEmailVerified())) {
            throw refused("the identity provider has not verified " + email);
        }
        ConsoleProperties.User console = userWithEmail(email)
                .orElseThrow(() -> refused(email + " is not a console user (referloop.console.users)"));
        Set<String> authorities = new LinkedHashSet<>();
        for (String role : console.roles()) {
            authorities.addAll(ConsoleRole.of(role).authorities());
        }
        List<GrantedAuthority> granted = AuthorityUtils.createAuthorityList(authorities);
        return new DefaultOidcUser(granted, user.getIdToken(), user.getUserInfo(), "email");
    }

    Optional<ConsoleProperties.User> userWithEmail(String email) {
        return properties.withMailbox(email);
    }

    private static OAuth2AuthenticationException refused(String why) {
        return new OAuth2AuthenticationException(new OAuth2Error("access_denied", why, null), why);
    }
}
