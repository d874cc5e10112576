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
 * The guards around every HubSpot call: Retry( CircuitBreaker( RateLimiter( call ))), the Resilience4j instances
 * {@code hubspot} (and {@code hubspot-search} for the search API's own limit) configured under {@code resilience4j.*}
 * in application.yaml, with the parts that are code rather than settings in {@link HubSpotResilienceConfiguration}.
 * <p>
 * The limiter hands out one permit every 10 s / (N - 1), so no rolling 10-second window (HubSpot's
 * TEN_SECONDLY_ROLLING policy) ever holds more than N calls, where N is
 * {@code referloop.hubspot.rate-limit-per-10s}. In the application the permits come from a quota kept in the
 * database ({@link io.referloop.ingest.SharedQuota}), so that several instances together stay within the portal's
 * one limit; outside Spring (tests, tools) from the Resilience4j limiter {@code hubspot}. A 429 that still happens (another integration on the
 * same portal) is retried after the wait HubSpot names; a daily-limit 429 is not retried here.
 */
final class HubSpotResilience {

    static final String NAME = "hubspot";
    static final String SEARCH = "hubspot-search";
    private static final long MAX_RETRY_WAIT_MILLIS = 60_000;

    final RateLimiterRegistry rateLimiters;
    final CircuitBreakerRegistry circuitBreakers;
    final RetryRegistry retries;
    final RateLimiter rateLimiter;
    final CircuitBreaker circuitBreaker;
    final Retry retry;
    final RateLimiter searchLimiter;
    private final Permits permits;

    /** Where a call's permit comes from: the instance's own limiter, or the quota every instance shares. */
    @FunctionalInterface
    interface Permits {
        void acquire() throws InterruptedException;
    }

    HubSpotResilience(RateLimiterRegistry rateLimiters, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
        this(rateLimiters, circuitBreakers, retries, null);
    }

    /** {@code permits}: null for the instance's own Resilience4j limiter {@code hubspot}. */
    HubSpotResilience(RateLimiterRegistry rateLimiters, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries,
                      Permits permits) {
        this.rateLimiters = rateLimiters;
        this.circuitBreakers = circuitBreakers;
        this.retries = retries;
        this.rateLimiter = rateLimiters.rateLimiter(NAME);
        this.searchLimiter = rateLimiters.rateLimiter(SEARCH);
        this.circuitBreaker = circuitBreakers.circuitBreaker(NAME);
        this.retry = retries.retry(NAME);
        this.permits = permits != null ? permits : () -> RateLimiter.waitForPermission(rateLimiter);
    }

    /**
     * For a client built outside Spring (tests, tools): the settings application.yaml gives the instances, here in code
     * since there is no Spring configuration to read them from. {@code HubSpotResilienceSettingsTest} keeps the two equal.
     */
    static HubSpotResilience standalone(HubSpotProperties properties) {
        RateLimiterRegistry rateLimiters = RateLimiterRegistry.ofDefaults();
        rateLimiters.rateLimiter(NAME, rateLimit(RateLimiterConfig.custom().limitForPeriod(1)
                .timeoutDuration(Duration.ofMinutes(5)), properties).build());
        rateLimiters.rateLimiter(SEARCH, RateLimiterConfig.custom().limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofMillis(250)).timeoutDuration(Duration.ofMinutes(5)).build());
        CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.ofDefaults();
        circuitBreakers.circuitBreaker(NAME, recordFailures(CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(properties.circuitOpenDuration())
                .permittedNumberOfCallsInHalfOpenState(3)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)).build());
        RetryRegistry retries = RetryRegistry.ofDefaults();
        retries.retry(NAME, retryWhen(RetryConfig.custom().maxAttempts(Math.max(1, properties.maxAttempts())),
                properties.retry()).build());
        return new HubSpotResilience(rateLimiters, circuitBreakers, retries);
    }

    /** One permit every 10 s / (N - 1): computed from {@code rate-limit-per-10s}, which YAML cannot do. */
    static RateLimiterConfig.Builder rateLimit(RateLimiterConfig.Builder builder, HubSpotProperties properties) {
        int perTenSeconds = Math.max(2, properties.rateLimitPer10s());
        return builder.limitRefreshPeriod(Duration.ofNanos(10_000_000_000L / (perTenSeconds - 1)));
    }

    /** What counts as HubSpot failing: transient errors, not 429s (the limiter's business) nor refusals of our input. */
    static CircuitBreakerConfig.Builder recordFailures(CircuitBreakerConfig.Builder builder) {
        return builder.recordException(e -> e instanceof HubSpotApiException h && h.isTransient() && !h.isRateLimited());
    }

    /**
     * Which failures are tried again, and after how long: as long as HubSpot says for a 429, else a doubling backoff
     * from {@code referloop.hubspot.retry.call-backoff}.
     */
    static RetryConfig.Builder<Object> retryWhen(RetryConfig.Builder<Object> builder, HubSpotRetryDelays delays) {
        return builder.retryOnException(HubSpotResilience::retryable)
                .intervalBiFunction((attempt, outcome) -> outcome.isLeft()
                        ? waitBefore(attempt, outcome.getLeft(), delays) : delays.callBackoffMillis(attempt));
    }

    <T> T call(CheckedSupplier<T> call) {
        CheckedSupplier<T> breaker = CircuitBreaker.decorateCheckedSupplier(circuitBreaker, call);
        CheckedSupplier<T> guarded = () -> {
            permits.acquire();
            return breaker.get();
        };
        try {
            return Retry.decorateCheckedSupplier(retry, guarded).get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                // stopped while waiting for a permit: the caller's thread must still know
                Thread.currentThread().interrupt();
            }
            throw new HubSpotApiException(0, null, e.getMessage(), 0, e);
        }
    }

    private static boolean retryable(Throwable error) {
        return error instanceof HubSpotApiException h && h.isTransient()
                && h.retryAfterMillis() <= MAX_RETRY_WAIT_MILLIS;
    }

    private static long waitBefore(int attempt, Throwable error, HubSpotRetryDelays delays) {
        if (error instanceof HubSpotApiException h && h.retryAfterMillis() > 0) {
            return h.retryAfterMillis();
        }
        return delays.callBackoffMillis(attempt);
    }
}
