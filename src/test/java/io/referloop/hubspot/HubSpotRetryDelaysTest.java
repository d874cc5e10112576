package io.referloop.hubspot;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code referloop.hubspot.retry.*}: unset, HubSpot is tried again as it always was; set, as the operator says. */
class HubSpotRetryDelaysTest {

    @EnableConfigurationProperties(HubSpotProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner spring = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(Properties.class);

    @Test
    void unsetTheDelaysAreTenSecondsAfterAnOutageThirtyAfterAnErrorAndFiveForAFailedWrite() {
        spring.run(context -> {
            HubSpotRetryDelays bound = context.getBean(HubSpotProperties.class).retry();
            assertThat(bound.unavailableDelay()).isEqualTo(Duration.ofSeconds(10));
            assertThat(bound.errorDelay()).isEqualTo(Duration.ofSeconds(30));
            assertThat(bound.writeBackoff()).isEqualTo(Duration.ofSeconds(5));
            assertThat(bound.callBackoff()).isEqualTo(Duration.ofMillis(500));
            assertThat(HubSpotRetryDelays.DEFAULTS).as("a client built by hand").isEqualTo(bound);
        });
    }

    @Test
    void eachDelayIsTakenFromItsSetting() {
        spring.withPropertyValues("referloop.hubspot.retry.unavailable-delay=1s",
                "referloop.hubspot.retry.error-delay=2s", "referloop.hubspot.retry.write-backoff=500ms",
                "referloop.hubspot.retry.call-backoff=100ms").run(context -> {
            HubSpotRetryDelays bound = context.getBean(HubSpotProperties.class).retry();
            assertThat(bound.unavailableDelay()).isEqualTo(Duration.ofSeconds(1));
            assertThat(bound.errorDelay()).isEqualTo(Duration.ofSeconds(2));
            assertThat(bound.writeBackoff()).isEqualTo(Duration.ofMillis(500));
            assertThat(bound.callBackoff()).isEqualTo(Duration.ofMillis(100));
        });
    }

    @Test
    void aCallsOwnRetriesWaitHalfASecondDoublingToEightSecondsUnlessSetOtherwise() {
        assertThat(java.util.stream.IntStream.rangeClosed(1, 6).mapToLong(HubSpotRetryDelays.DEFAULTS::callBackoffMillis).toArray())
                .containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 8_000L);
        HubSpotRetryDelays quick = new HubSpotRetryDelays(null, null, null, Duration.ofMillis(100));
        assertThat(java.util.stream.IntStream.rangeClosed(1, 6).mapToLong(quick::callBackoffMillis).toArray())
                .containsExactly(100L, 200L, 400L, 800L, 1_600L, 1_600L);
    }

    @Test
    void aDelayOfZeroIsRefusedAtStartRatherThanCallingAFailingHubSpotInALoop() {
        spring.withPropertyValues("referloop.hubspot.retry.unavailable-delay=0s").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("referloop.hubspot.retry.unavailable-delay"));
    }

    @Test
    void aWriteBackoffBeyondTheLongestWaitOfAFailedWriteIsRefused() {
        assertThatThrownBy(() -> new HubSpotRetryDelays(null, null, Duration.ofMinutes(11), null))
                .hasMessageContaining("referloop.hubspot.retry.write-backoff");
    }
}
