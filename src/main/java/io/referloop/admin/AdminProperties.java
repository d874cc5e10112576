package io.referloop.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code referloop.admin.token}: the bearer token of {@code /api/**}; without one the admin API refuses every call. */
@ConfigurationProperties("referloop.admin")
public record AdminProperties(String token) {

    @Override
    public String toString() {
        return "AdminProperties[token=" + (token == null || token.isBlank() ? "none" : "****") + "]";
    }
}
