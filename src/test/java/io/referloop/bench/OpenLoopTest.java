package io.referloop.bench;

import org.junit.jupiter.api.Test;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmarks' open loop against a trivial local request and a clock that moves only when parked or told. */
class OpenLoopTest {

    private static final long MILLI = 1_000_000;

    private final FakeLoadClock clock = new FakeLoadClock();

    @Test
    void sendsEveryScheduledRequestOnItsMomentAndAccountsForEachAnswer() throws Exception {
        // 1,000 requests/s for 1 s: 1,000 requests, 1 ms apart
        OpenLoop loop = new OpenLoop(1_000, Duration.ofSeconds(1), clock);
        Map<Long, Long> sentAt = new ConcurrentHashMap<>();
        OpenLoop.Result result = loop.run(i -> i % 2 == 0 ? 10 : 1, (i, scheduled) -> {
            assertThat(clock.nanoTime()).as("request %d leaves at its scheduled moment", i).isEqualTo(scheduled);
            sentAt.put(i, scheduled);
            if (i % 10 == 3) {
                return CompletableFuture.completedFuture(429);
            }
            if (i % 10 == 7) {
                return CompletableFuture.failedFuture(new HttpTimeoutException("request timed out"));
            }
            return CompletableFuture.completedFuture(204);
        }, Duration.ofSeconds(60));

        assertThat(loop.requests()).isEqualTo(1_000);
        assertThat(sentAt).hasSize(1_000);
        sentAt.forEach((i, scheduled) -> assertThat(scheduled).isEqualTo(i * MILLI));
        long offered = 0;
        long acknowledged = 0;
        long steady = 0;
        for (long i = 0; i < 1_000; i++) {
            int events = i % 2 == 0 ? 10 : 1;
            offered += events;
            if (i % 10 != 3 && i % 10 != 7) {
                acknowledged += events;
                // answered at once: in the middle half when scheduled from 250 ms to before 750 ms
                if (i >= 250 && i < 750) {
                    steady += events;
                }
            }
        }
        assertThat(result.requests()).isEqualTo(1_000);
        assertThat(result.offered()).isEqualTo(offered);
        assertThat(result.acknowledged()).isEqualTo(acknowledged);
        assertThat(result.refused()).isEqualTo(200);
        assertThat(result.unanswered()).isZero();
        assertThat(result.failures()).isEqualTo(200);
        assertThat(result.steadyEvents()).isEqualTo(steady);
        assertThat(result.steadyRate()).isEqualTo(steady / 0.5);
        assertThat(result.latencies().count()).isEqualTo(1_000);
    }

    @Test
    void latencyCountsFromTheScheduledMomentWhenSendingFallsBehind() throws Exception {
        // each send takes 2 ms against a 1 ms schedule: request i leaves at 2i ms and is answered at 2i + 2 ms
        OpenLoop.Result result = new OpenLoop(1_000, Duration.ofMillis(100), clock).run(i -> 1, (i, scheduled) -> {
            clock.advanceMillis(2);
            return CompletableFuture.completedFuture(204);
        }, Duration.ofSeconds(60));

        assertThat(result.requests()).as("none skipped for being late").isEqualTo(100);
        assertThat(result.acknowledged()).isEqualTo(100);
        assertThat(result.latencies().percentileMillis(50)).as("the 50th request, i = 49: 2 + 49 ms").isEqualTo(51.0);
        assertThat(result.latencies().maxMillis()).as("the last request, i = 99: 2 + 99 ms").isEqualTo(101.0);
    }

    @Test
    void countsRequestsNeverAnsweredByTheDeadlineAsFailures() throws Exception {
        OpenLoop loop = new OpenLoop(100, Duration.ofSeconds(1), clock);
        OpenLoop.Result result = loop.run(i -> 1, (i, scheduled) -> i < 90
                ? CompletableFuture.completedFuture(204)
                : new CompletableFuture<>(), Duration.ofSeconds(60));

        assertThat(result.requests()).isEqualTo(100);
        assertThat(result.acknowledged()).isEqualTo(90);
        assertThat(result.refused()).isZero();
        assertThat(result.unanswered()).isEqualTo(10);
        assertThat(result.failures()).isEqualTo(10);
        assertThat(result.latencies().count()).isEqualTo(90);
        // 99 parks to the schedule's moments, then 5 ms polls until the 60 s are over
        assertThat(clock.parks()).isEqualTo(99 + 60_000 / 5);
    }

    @Test
    void waitsForAnswersThatArriveLateAndThenForWhatTheyDidElsewhere() throws Exception {
        CompletableFuture<Integer> late = new CompletableFuture<>();
        AtomicBoolean settled = new AtomicBoolean();
        // 9 parks to the schedule's moments, then polls: the late answer on the 3rd, what it caused on the 10th
        clock.onPark(park -> {
            if (park == 9 + 3) {
                late.complete(204);
            }
            if (park == 9 + 10) {
                settled.set(true);
            }
        });
        OpenLoop loop = new OpenLoop(10, Duration.ofSeconds(1), clock);
        OpenLoop.Result result = loop.run(i -> 1, (i, scheduled) -> i == 9 ? late : CompletableFuture.completedFuture(204),
                Duration.ofSeconds(120), settled::get);

        assertThat(result.acknowledged()).isEqualTo(10);
        assertThat(result.unanswered()).isZero();
        assertThat(result.latencies().maxMillis()).as("the late answer, scheduled at 900 ms, came at 915 ms")
                .isEqualTo(15.0);
        assertThat(clock.parks()).as("no poll after settled").isEqualTo(9 + 10);
    }

    @Test
    void stopsWaitingForWhatTheRequestsDidElsewhereAtTheDeadline() throws Exception {
        OpenLoop loop = new OpenLoop(10, Duration.ofSeconds(1), clock);
        OpenLoop.Result result = loop.run(i -> 1, (i, scheduled) -> CompletableFuture.completedFuture(204),
                Duration.ofSeconds(120), () -> false);

        assertThat(result.acknowledged()).isEqualTo(10);
        assertThat(result.failures()).isZero();
        assertThat(clock.parks()).as("9 parks to the schedule, then 5 ms polls for 120 s").isEqualTo(9 + 120_000 / 5);
    }
}
