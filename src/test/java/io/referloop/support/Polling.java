package io.referloop.support;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import java.time.Duration;

/**
 * Awaitility for flows that settle in tens of milliseconds (webhook, inbox, CRM write-back on short test
 * intervals): the condition is checked at once and then every 10 ms. Awaitility's default waits 100 ms before
 * the first check and between checks, which would be most of such a test's time. What is awaited, and how long
 * at most, stays with each test.
 */
public final class Polling {

    private static final Duration INTERVAL = Duration.ofMillis(10);

    private Polling() {
    }

    public static ConditionFactory await() {
        return Awaitility.await().pollDelay(Duration.ZERO).pollInterval(INTERVAL);
    }
}
