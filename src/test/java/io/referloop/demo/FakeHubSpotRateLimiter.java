package io.referloop.demo;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/** HubSpot's rolling ten-second limit and daily limit for a private app. Not thread-safe: the router locks. */
final class FakeHubSpotRateLimiter {

    static final Duration HUBSPOT_WINDOW = Duration.ofSeconds(10);
    static final int DAILY_MAX = 250_000;

    private final Deque<Long> window = new ArrayDeque<>();
    private Duration windowLength = HUBSPOT_WINDOW;
    private int max = 100;
    private int dailyUsed;

    void setMax(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the limit must be at least 1, was " + max);
        }
        this.max = max;
    }

    /** HubSpot's window is 10 s; a shorter one lets a test wait out a 429 in less time. */
    void setWindow(Duration windowLength) {
        if (windowLength.isNegative() || windowLength.isZero()) {
            throw new IllegalArgumentException("the window must be positive, was " + windowLength);
        }
        this.windowLength = windowLength;
    }

    int max() {
        return max;
    }

    /** The policy that refuses a request now ("TEN_SECONDLY_ROLLING" or "DAILY"), or null after counting it. */
    String acquire() {
        long now = System.nanoTime();
        while (!window.isEmpty() && now - window.peekFirst() >= windowLength.toNanos()) {
            window.removeFirst();
        }
        if (dailyUsed >= DAILY_MAX) {
            return "DAILY";
        }
        if (window.size() >= max) {
            return "TEN_SECONDLY_ROLLING";
        }
        window.addLast(now);
        dailyUsed++;
        return null;
    }

    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-HubSpot-RateLimit-Daily", Integer.toString(DAILY_MAX));
        headers.put("X-HubSpot-RateLimit-Daily-Remaining", Integer.toString(Math.max(0, DAILY_MAX - dailyUsed)));
        headers.put("X-HubSpot-RateLimit-Interval-Milliseconds", Long.toString(windowLength.toMillis()));
        headers.put("X-HubSpot-RateLimit-Max", Integer.toString(max));
        headers.put("X-HubSpot-RateLimit-Remaining", Integer.toString(Math.max(0, max - window.size())));
        return headers;
    }
}
