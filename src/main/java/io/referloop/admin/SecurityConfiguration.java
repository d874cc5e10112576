package io.referloop.admin;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * {@code /api/**} needs the admin bearer token; referral links and health are public. This chain comes after the
 * webhooks' and the console's (io.referloop.console) and answers every other path; the console has its own chain with
 * a login form, sessions and CSRF.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    /**
     * No Micrometer observation per security filter, authentication and authorisation. With them every request timed
     * each of the chain's dozen filters and counted its events; in a profile of webhook acceptance that was more CPU
     * than the webhook controllers' own work. Requests are still timed once, as {@code http.server.requests}.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * {@code /webhooks/**} passes no security filter: each webhook controller authenticates its sender itself, over
     * the exact bytes received (HubSpot's v3 signature, Stripe-Signature, Chargebee's basic auth, Salesforce's
     * organisation id), and none uses a session, a cookie or the admin token. The filters of the chain below (security
     * context, headers, anonymous user, authorisation, exception translation) decided nothing for these paths and cost
     * every delivery, the busiest requests the connector answers. An empty chain still goes through
     * FilterChainProxy, so the request firewall (encoded slashes, dot segments, unknown methods) still applies.
     */
    @Bean
    @Order(0)
    SecurityFilterChain webhookFilterChain() {
        return new DefaultSecurityFilterChain(PathPatternRequestMatcher.withDefaults().matcher("/webhooks/**"));
    }

    @Bean
    // after the console's chain, which answers the console's own paths; this one answers everything else
    @Order(2)
    SecurityFilterChain filterChain(HttpSecurity http, AdminProperties admin) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .addFilterBefore(new AdminTokenFilter(admin.token()), BasicAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/**", "/actuator/prometheus").hasRole("ADMIN")
                        .anyRequest().permitAll())
                .build();
    }
}
