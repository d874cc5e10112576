package io.referloop.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error answer in Tremendous's shape, {@code {"errors":{"message":"…","payload":{…}}}}, thrown by a handler
 * and rendered by the router. {@code payload} mirrors the offending request fields; it is left out when there are none.
 */
final class FakeTremendousError extends RuntimeException {

    private final int status;
    private final ObjectNode body;

    FakeTremendousError(int status, String message, ObjectNode payload) {
        super(message, null, false, false);
        this.status = status;
        this.body = FakeTremendousJson.object();
        ObjectNode errors = body.putObject("errors");
        errors.put("message", message);
        if (payload != null) {
            errors.set("payload", payload);
        }
    }

    static FakeTremendousError badRequest(String message, ObjectNode payload) {
        return new FakeTremendousError(400, message, payload);
    }

    static FakeTremendousError unauthorized() {
        return new FakeTremendousError(401, "Unauthorized: the API key is missing or invalid", null);
    }

    static FakeTremendousError notFound(String message) {
        return new FakeTremendousError(404, message, null);
    }

    static FakeTremendousError conflict(String message, ObjectNode payload) {
        return new FakeTremendousError(409, message, payload);
    }

    /** An injected failure: 429 reads as a rate limit, anything else as a server error. */
    static FakeTremendousError injected(int status) {
        return new FakeTremendousError(status, status == 429 ? "Too many requests, retry later"
                : "Internal server error", null);
    }

    FakeTremendousReply reply() {
        return new FakeTremendousReply(status, body);
    }
}
