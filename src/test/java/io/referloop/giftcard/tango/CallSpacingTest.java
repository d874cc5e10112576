package io.referloop.giftcard.tango;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tango's one call a second, counted from the end of the previous call, on a time the test steps by hand. */
class CallSpacingTest {

    private static final Duration GAP = Duration.ofSeconds(1);

    private final SteppedTime time = new SteppedTime();
    private final CallSpacing spacing = new CallSpacing(GAP, time);

    @Test
    void theFirstCallGoesAtOnce() throws Exception {
        spacing.call(() -> "sent");

        assertThat(time.waits).isEmpty();
    }

    @Test
    void aCallRightAfterAnotherWaitsTheWholeGap() throws Exception {
        spacing.call(() -> "first");
        spacing.call(() -> "second");

        assertThat(time.waits).containsExactly(GAP);
    }

    @Test
    void theGapIsCountedFromTheEndOfAPreviousCallThatTookLong() throws Exception {
        spacing.call(() -> time.pass(Duration.ofMillis(800)));
        spacing.call(() -> "second");

        assertThat(time.waits).containsExactly(GAP);
    }

    @Test
    void aCallPartWayThroughTheGapWaitsTheRest() throws Exception {
        spacing.call(() -> "first");
        time.pass(Duration.ofMillis(300));

        spacing.call(() -> "second");

        assertThat(time.waits).containsExactly(Duration.ofMillis(700));
    }

    @Test
    void aCallOnceTheGapHasPassedGoesAtOnce() throws Exception {
        spacing.call(() -> "first");
        time.pass(GAP);

        spacing.call(() -> "second");

        assertThat(time.waits).isEmpty();
    }

    @Test
    void threeCallsInARowAreEachSentAGapAfterThePreviousEnded() throws Exception {
        List<Long> sentAt = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            spacing.call(() -> sentAt.add(time.nanoTime()));
        }

        assertThat(sentAt).containsExactly(0L, GAP.toNanos(), 2 * GAP.toNanos());
    }

    /** Stands still until stepped; a wait steps it by the time waited and is remembered. */
    private static final class SteppedTime implements CallSpacing.Time {

        final List<Duration> waits = new ArrayList<>();
        private long nanos;

        @Override
        public long nanoTime() {
            return nanos;
        }

        @Override
        public void sleep(long nanos) {
            waits.add(Duration.ofNanos(nanos));
            this.nanos += nanos;
        }

        boolean pass(Duration duration) {
            nanos += duration.toNanos();
            return true;
        }
    }
}
