package io.referloop.console;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The console's filter chain (after the machines' chain of {@code /api/**}, webhooks and links): form login at
 * {@code /login}, users from {@code referloop.console.users}, CSRF on every form, a strict Content-Security-Policy
 * (scripts and styles only from the connector itself), sessions that time out ({@code server.servlet.session.timeout}).
 * Viewers read; deciding rewards needs approver; replaying failed work, changing advocates and attributing by hand
 * need admin.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleSecurityConfiguration {

    /** Everything the console chain answers; the machines' chain answers everything else. */
    public static final RequestMatcher PATHS = new OrRequestMatcher(
            path("/console"), path("/console/**"), path("/login"), path("/login/oauth2/**"), path("/oauth2/**"),
            path("/logout"), path("/webjars/**"));

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private static final Pattern ENCODED = Pattern.compile("^\\{[a-zA-Z0-9_-]+}.+");

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    @Bean
    @Order(1)
    SecurityFilterChain consoleFilterChain(HttpSecurity http, ConsoleProperties properties,
                                           ObjectProvider<ClientRegistrationRepository> oidc) throws Exception {
        if (oidc.getIfAvailable() != null) {
            // OpenID Connect next to the form: the provider vouches for the email, referloop.console.users gives the roles
            http.oauth2Login(o -> o.loginPage("/login").defaultSuccessUrl("/console", false)
                    .userInfoEndpoint(u -> u.oidcUserService(new ConsoleOidcUsers(properties))));
        }
        return http
                .securityMatcher(PATHS)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/console/assets/**", "/webjars/**", "/login", "/login/oauth2/**", "/oauth2/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/console/review/**").hasRole("APPROVER")
                        .requestMatchers(HttpMethod.POST, "/console/**").hasRole("ADMIN")
                        .anyRequest().hasRole("VIEWER"))
                .formLogin(form -> form.loginPage("/login").usernameParameter("username")
                        .passwordParameter("password").defaultSuccessUrl("/console", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                        .deleteCookies("JSESSIONID"))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(f -> f.deny()))
                .build();
    }

    @Bean
    PasswordEncoder consolePasswordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * The console's users. Without any, nobody can log in (and Spring Boot's generated user, with its password
     * in the log, is never created). A password that is not an encoded string stops the start, without showing it.
     */
    @Bean
    UserDetailsService consoleUsers(ConsoleProperties properties) {
        List<UserDetails> users = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConsoleProperties.User user : properties.users()) {
            String name = user.username() == null ? "" : user.username().trim();
            if (name.isEmpty()) {
                throw new IllegalStateException("referloop.console.users: a user has no username");
            }
            if (!names.add(name.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalStateException("referloop.console.users: the username " + name + " is there twice");
            }
            if (user.password() == null || !ENCODED.matcher(user.password()).matches()) {
                throw new IllegalStateException("referloop.console.users: the password of " + name
                        + " must be an encoded string such as {bcrypt}$2a$10$... (see the README, Console)");
            }
            if (user.roles().isEmpty()) {
                throw new IllegalStateException("referloop.console.users: " + name + " has no roles (viewer, approver, admin)");
            }
            Set<String> authorities = new LinkedHashSet<>();
            for (String role : user.roles()) {
                authorities.addAll(ConsoleRole.of(role).authorities());
            }
            users.add(User.withUsername(name).password(user.password())
                    .authorities(AuthorityUtils.createAuthorityList(authorities)).build());
        }
        return new InMemoryUserDetailsManager(users);
    }
}
