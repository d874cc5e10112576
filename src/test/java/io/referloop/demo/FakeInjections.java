package io.referloop.demo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * What a test injects into a fake's next requests (an error status, a connection reset after the request took
 * effect, a late answer), and how many API requests the fake received. Not thread-safe: the fake's lock guards it.
 */
final class FakeInjections {

    int requestCount;
    private int failuresLeft;
    private int failureStatus;
    private int resetsLeft;
    private int delaysLeft;
    private int delayMillis;

    void failNext(int n, int status) {
        requireCount(n);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP error status, was " + status);
        }
        failuresLeft = n;
        failureStatus = status;
    }

    void resetNext(int n) {
        requireCount(n);
        resetsLeft = n;
    }

    void delayNext(int n, int millis) {
        requireCount(n);
        if (millis < 0) {
            throw new IllegalArgumentException("millis must be >= 0, was " + millis);
        }
        delaysLeft = n;
        delayMillis = millis;
    }

    /** The status the next request is to fail with, used up; 0 when no failure is due. */
    int takeFailure() {
        if (failuresLeft == 0) {
            return 0;
        }
        failuresLeft--;
        return failureStatus;
    }

    /** Whether a reset is due, used up. */
    boolean takeReset() {
        if (resetsLeft == 0) {
            return false;
        }
        resetsLeft--;
        return true;
    }

    /** The response, delayed if a delay is due (used up). */
    ResponseDefinitionBuilder delayIfDue(ResponseDefinitionBuilder response) {
        if (delaysLeft > 0) {
            delaysLeft--;
            response.withFixedDelay(delayMillis);
        }
        return response;
    }

    private static void requireCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
    }
}
