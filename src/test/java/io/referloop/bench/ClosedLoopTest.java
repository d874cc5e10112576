package io.referloop.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The benchmarks' closed loop against a trivial local request and a clock that moves only as requests take time. */
class ClosedLoopTest {

    private final FakeLoadClock clock = new FakeLoadClock();

    @Test
    void oneSenderSendsUntilTheDurationIsOverAndCountsEveryAnswer() throws Exception {
        List<Long> sent = new ArrayList<>();
        // every request takes 1 ms; one in five is refused; every tenth carries 1 event, the others 10
        ClosedLoop.Result result = new ClosedLoop(1, Duration.ofMillis(100), clock).run(n -> n % 10 == 9 ? 1 : 10,
                (sender, n) -> {
                    sent.add(n);
                    clock.advanceMillis(1);
                    return n % 5 == 4 ? 503 : 204;
                });

        assertThat(sent).hasSize(100).isEqualTo(LongStream.range(0, 100).boxed().toList());
        long events = 0;
        for (long n = 0; n < 100; n++) {
            if (n % 5 != 4) {
                events += n % 10 == 9 ? 1 : 10;
            }
        }
        assertThat(result.requests()).isEqualTo(100);
        assertThat(result.failures()).isEqualTo(20);
        assertThat(result.events()).isEqualTo(events);
        assertThat(result.latencies().count()).isEqualTo(100);
        assertThat(result.latencies().maxMillis()).as("from each send to its answer, on the loop's clock").isEqualTo(1.0);
    }

    @Test
    void everySenderNumbersItsOwnRequestsAndNoneStartsAfterTheDeadline() throws Exception {
        int senders = 4;
        Map<Integer, List<Long>> sent = new ConcurrentHashMap<>();
        ClosedLoop.Result result = new ClosedLoop(senders, Duration.ofMillis(200), clock).run(n -> 1, (sender, n) -> {
            sent.computeIfAbsent(sender, s -> Collections.synchronizedList(new ArrayList<>())).add(n);
            clock.advanceMillis(1);
            return sender == 0 ? 500 : 202;
        });

        long total = sent.values().stream().mapToLong(List::size).sum();
        assertThat(result.requests()).isEqualTo(total);
        // 200 requests use up the 200 ms; at most one more per other sender had already passed the check
        assertThat(total).isBetween(200L, 200L + senders - 1);
        sent.forEach((sender, numbers) -> assertThat(numbers)
                .isEqualTo(LongStream.range(0, numbers.size()).boxed().toList()));
        long refused = sent.getOrDefault(0, List.of()).size();
        assertThat(result.failures()).isEqualTo(refused);
        assertThat(result.events()).isEqualTo(total - refused);
    }

    @Test
    void aRequestThatThrowsEndsTheRun() {
        assertThatThrownBy(() -> new ClosedLoop(2, Duration.ofMillis(50), clock).run(n -> 1, (sender, n) -> {
            clock.advanceMillis(1);
            if (n == 3) {
                throw new IOException("connection reset");
            }
            return 204;
        })).isInstanceOf(ExecutionException.class).hasRootCauseMessage("connection reset");
    }
}
