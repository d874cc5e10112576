package io.referloop.demo;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An error answer in one API's shape, thrown by a handler and rendered by the fake's router. The router passes
 * the request's path, which some APIs repeat in their error bodies. No stack trace: it is an answer, not a bug.
 */
abstract class FakeApiError extends RuntimeException {

    private final int status;

    FakeApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    final int status() {
        return status;
    }

    /** The body this API answers with, for a request to {@code path}. */
    abstract JsonNode body(String path);

    final FakeReply reply(String path) {
        return new FakeReply(status, body(path));
    }
}
