package io.referloop.admin;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * {@code /api/**} needs the admin bearer token. Webhooks are not session-based and are checked by
 * their senders' signatures, so CSRF does not apply; referral links and health are public.
 * This chain comes after the console's (io.referloop.console) and answers every path but the console's,
 * which has its own chain with a login form, sessions and CSRF.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

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
