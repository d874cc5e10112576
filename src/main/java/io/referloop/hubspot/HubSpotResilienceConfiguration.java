package io.referloop.hubspot;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.common.circuitbreaker.configuration.CircuitBreakerConfigCustomizer;
import io.github.resilience4j.common.ratelimiter.configuration.RateLimiterConfigCustomizer;
import io.github.resilience4j.common.retry.configuration.RetryConfigCustomizer;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.referloop.ingest.SharedQuota;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HubSpot guards: their settings are in application.yaml ({@code resilience4j.ratelimiter.instances.hubspot},
 * {@code hubspot-search}, {@code resilience4j.circuitbreaker.instances.hubspot}, {@code resilience4j.retry.instances.hubspot});
 * these customizers add what a setting cannot say: a period computed from {@code referloop.hubspot.rate-limit-per-10s},
 * and which exceptions count and how long a 429 waits, which are decisions about {@link HubSpotApiException}.
 * Calls take their permits from the quota every instance shares ({@link HubSpotQuotaConfiguration}) where there is
 * one; the Resilience4j limiter {@code hubspot} stands in where there is no database.
 */
@Configuration(proxyBeanMethods = false)
class HubSpotResilienceConfiguration {

    @Bean
    RateLimiterConfigCustomizer hubSpotRateLimit(HubSpotProperties properties) {
        return RateLimiterConfigCustomizer.of(HubSpotResilience.NAME, b -> HubSpotResilience.rateLimit(b, properties));
    }

    @Bean
    CircuitBreakerConfigCustomizer hubSpotFailures() {
        return CircuitBreakerConfigCustomizer.of(HubSpotResilience.NAME, HubSpotResilience::recordFailures);
    }

    @Bean
    RetryConfigCustomizer hubSpotRetries(HubSpotProperties properties) {
        return RetryConfigCustomizer.of(HubSpotResilience.NAME, b -> HubSpotResilience.retryWhen(b, properties.retry()));
    }

    @Bean
    HubSpotResilience hubSpotResilience(RateLimiterRegistry rateLimiters, CircuitBreakerRegistry circuitBreakers,
                                        RetryRegistry retries, ObjectProvider<SharedQuota> sharedQuota) {
        SharedQuota quota = sharedQuota.getIfAvailable();
        return new HubSpotResilience(rateLimiters, circuitBreakers, retries, quota == null ? null : quota::acquire);
    }
}
