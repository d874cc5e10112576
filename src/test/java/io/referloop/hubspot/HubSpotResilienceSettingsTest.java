package io.referloop.hubspot;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot3.ratelimiter.autoconfigure.RateLimiterAutoConfiguration;
import io.github.resilience4j.springboot3.retry.autoconfigure.RetryAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The HubSpot guards take their settings from application.yaml, and a client built by hand gets the same ones. */
class HubSpotResilienceSettingsTest {

    @EnableConfigurationProperties(HubSpotProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner spring = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(RateLimiterAutoConfiguration.class,
                    CircuitBreakerAutoConfiguration.class, RetryAutoConfiguration.class))
            .withUserConfiguration(Properties.class, HubSpotResilienceConfiguration.class)
            .withPropertyValues("referloop.hubspot.rate-limit-per-10s=11", "referloop.hubspot.max-attempts=6",
                    "referloop.hubspot.circuit-open-duration=45s");

    private final HubSpotResilience byHand = HubSpotResilience.standalone(new HubSpotProperties(
            URI.create("https://api.hubapi.com"), null, null, 11, 6, Duration.ofSeconds(45), null, null, null, null, null));

    @Test
    void theRateLimiterSpacesPermitsByTheConfiguredRate() {
        spring.run(context -> {
            RateLimiterConfig configured = context.getBean(RateLimiterRegistry.class).rateLimiter("hubspot").getRateLimiterConfig();
            assertThat(configured.getLimitRefreshPeriod()).isEqualTo(Duration.ofSeconds(1));
            assertThat(configured.getLimitForPeriod()).isEqualTo(1);
            assertThat(configured.getTimeoutDuration()).isEqualTo(Duration.ofMinutes(5));
            RateLimiterConfig inCode = byHand.rateLimiter.getRateLimiterConfig();
            assertThat(inCode.getLimitRefreshPeriod()).isEqualTo(configured.getLimitRefreshPeriod());
            assertThat(inCode.getTimeoutDuration()).isEqualTo(configured.getTimeoutDuration());
            RateLimiterConfig search = context.getBean(RateLimiterRegistry.class).rateLimiter("hubspot-search").getRateLimiterConfig();
            assertThat(byHand.searchLimiter.getRateLimiterConfig().getLimitRefreshPeriod()).isEqualTo(search.getLimitRefreshPeriod());
        });
    }

    @Test
    void theCircuitBreakerOpensOnTransientFailuresOnlyAndStaysOpenAsConfigured() {
        spring.run(context -> {
            CircuitBreakerConfig configured = context.getBean(CircuitBreakerRegistry.class).circuitBreaker("hubspot")
                    .getCircuitBreakerConfig();
            CircuitBreakerConfig inCode = byHand.circuitBreaker.getCircuitBreakerConfig();
            assertThat(configured.getSlidingWindowSize()).isEqualTo(inCode.getSlidingWindowSize()).isEqualTo(20);
            assertThat(configured.getMinimumNumberOfCalls()).isEqualTo(inCode.getMinimumNumberOfCalls()).isEqualTo(10);
            assertThat(configured.getFailureRateThreshold()).isEqualTo(inCode.getFailureRateThreshold()).isEqualTo(50f);
            assertThat(configured.getPermittedNumberOfCallsInHalfOpenState())
                    .isEqualTo(inCode.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(3);
            assertThat(configured.isAutomaticTransitionFromOpenToHalfOpenEnabled()).isTrue();
            assertThat(configured.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(45_000L)
                    .isEqualTo(inCode.getWaitIntervalFunctionInOpenState().apply(1));
            assertThat(configured.getRecordExceptionPredicate().test(new HubSpotApiException(503, null, "down", 0, null))).isTrue();
            assertThat(configured.getRecordExceptionPredicate().test(new HubSpotApiException(400, null, "bad", 0, null))).isFalse();
        });
    }

    @Test
    void aRateLimitAnswerIsRetriedAfterTheWaitHubSpotNames() {
        spring.run(context -> {
            RetryConfig configured = context.getBean(RetryRegistry.class).retry("hubspot").getRetryConfig();
            assertThat(configured.getMaxAttempts()).isEqualTo(byHand.retry.getRetryConfig().getMaxAttempts()).isEqualTo(6);
            HubSpotApiException tooMany = new HubSpotApiException(429, null, "slow down", 1_500, null);
            assertThat(configured.getExceptionPredicate().test(tooMany)).isTrue();
            assertThat(configured.getIntervalBiFunction().apply(1, io.github.resilience4j.core.functions.Either.left(tooMany)))
                    .isEqualTo(1_500L);
        });
    }
}
