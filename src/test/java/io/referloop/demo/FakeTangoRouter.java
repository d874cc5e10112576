package io.referloop.demo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Tango's router: basic authentication, then the 1-request-per-second limit (a request less than a second after
 * the previous accepted one is 429); every answer carries an {@code X-REQUEST-ID}.
 */
final class FakeTangoRouter extends FakeGiftCardRouter {

    private final String credentials;
    /** Tango's limit: one request a second. */
    Duration minGap = Duration.ofSeconds(1);
    /** What the limit is judged by: the system's monotonic time, or a clock a test moves. */
    Clock clock;
    int rateLimitedCount;
    private boolean anyAccepted;
    private long lastAcceptedNanos;

    FakeTangoRouter(Object lock, String basePath, String platformName, String apiKey) {
        super(lock, "application/json;charset=UTF-8", basePath, new FakeTangoOrders(),
                FakeTangoError::injected, FakeTangoError::notFound);
        this.credentials = Base64.getEncoder()
                .encodeToString((platformName + ":" + apiKey).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    ResponseDefinitionBuilder refusal(String authorization, String path) {
        if (!presents(authorization, "Basic ", credentials)) {
            return render(FakeTangoError.unauthorized().reply(path))
                    .withHeader("WWW-Authenticate", "Basic realm=\"raas\"");
        }
        long now = clock == null ? System.nanoTime() : Duration.between(Instant.EPOCH, clock.instant()).toNanos();
        if (anyAccepted && now - lastAcceptedNanos < minGap.toNanos()) {
            rateLimitedCount++;
            return render(FakeTangoError.rateLimited().reply(path)).withHeader("Retry-After", "1");
        }
        anyAccepted = true;
        lastAcceptedNanos = now;
        return null;
    }

    @Override
    ResponseDefinitionBuilder render(FakeReply reply) {
        return super.render(reply).withHeader("X-REQUEST-ID", UUID.randomUUID().toString());
    }
}
