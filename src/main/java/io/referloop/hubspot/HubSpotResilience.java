package io.referloop.hubspot;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;

import java.time.Duration;

/**
 * The guards around every HubSpot call: Retry( CircuitBreaker( RateLimiter( call ))).
 * <p>
 * The limiter hands out one permit every 10 s / (N - 1), so no rolling 10-second window (HubSpot's
 * TEN_SECONDLY_ROLLING policy) ever holds more than N calls, where N is
 * {@code referloop.hubspot.rate-limit-per-10s}. A 429 that still happens (another integration on the
 * same portal) is retried after the wait HubSpot names; a daily-limit 429 is not retried here.
 */
final class HubSpotResilience {

    private static final long MAX_RETRY_WAIT_MILLIS = 60_000;

    final RateLimiterRegistry rateLimiters = RateLimiterRegistry.ofDefaults();
    final CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.ofDefaults();
    final RetryRegistry retries = RetryRegistry.ofDefaults();
    final RateLimiter rateLimiter;
    final CircuitBreaker circuitBreaker;
    final Retry retry;
    final RateLimiter searchLimiter;

    HubSpotResilience(HubSpotProperties properties) {
        int perTenSeconds = Math.max(2, properties.rateLimitPer10s());
        rateLimiter = rateLimiters.rateLimiter("hubspot", RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofNanos(10_000_000_000L / (perTenSeconds - 1)))
                .timeoutDuration(Duration.ofMinutes(5))
                .build());
        searchLimiter = rateLimiters.rateLimiter("hubspot-search", RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofMillis(250))
                .timeoutDuration(Duration.ofMinutes(5))
                .build());
        circuitBreaker = circuitBreakers.circuitBreaker("hubspot", CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(properties.circuitOpenDuration())
                .permittedNumberOfCallsInHalfOpenState(3)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(e -> e instanceof HubSpotApiException h && h.isTransient() && !h.isRateLimited())
                .build());
        retry = retries.retry("hubspot", RetryConfig.custom()
                .maxAttempts(Math.max(1, properties.maxAttempts()))
                .retryOnException(HubSpotResilience::retryable)
                .intervalBiFunction((attempt, outcome) -> outcome.isLeft()
                        ? waitBefore(attempt, outcome.getLeft()) : backoff(attempt))
                .build());
    }

    <T> T call(CheckedSupplier<T> call) {
        CheckedSupplier<T> guarded = RateLimiter.decorateCheckedSupplier(rateLimiter,
                CircuitBreaker.decorateCheckedSupplier(circuitBreaker, call));
        try {
            return Retry.decorateCheckedSupplier(retry, guarded).get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new HubSpotApiException(0, null, e.getMessage(), 0, e);
        }
    }

    private static boolean retryable(Throwable error) {
        return error instanceof HubSpotApiException h && h.isTransient()
                && h.retryAfterMillis() <= MAX_RETRY_WAIT_MILLIS;
    }

    private static long waitBefore(int attempt, Throwable error) {
        if (error instanceof HubSpotApiException h && h.retryAfterMillis() > 0) {
            return h.retryAfterMillis();
        }
        return backoff(attempt);
    }

    private static long backoff(int attempt) {
        return Math.min(8_000L, 500L * (1L << Math.min(10, attempt - 1)));
    }
}
