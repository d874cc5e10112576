package io.referloop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error answer in Tremendous's shape, {@code {"errors":{"message":"…","payload":{…}}}}, thrown by a handler
 * and rendered by the router. {@code payload} mirrors the offending request fields; it is left out when there are none.
 */
final class FakeTremendousError extends FakeApiError {

    private final ObjectNode body;

    FakeTremendousError(int status, String message, ObjectNode payload) {
        super(status, message);
        this.body = FakeJson.object();
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

    /** Tremendous's 400 for a body that is not a JSON object. */
    static FakeTremendousError invalidBody(FakeJson.BodyProblem problem) {
        return badRequest(switch (problem.kind()) {
            case EMPTY -> "The request body is empty; a JSON object is required";
            case MALFORMED -> "The request body is not valid JSON: " + problem.parseError().getOriginalMessage();
            case NOT_AN_OBJECT -> "The request body must be a JSON object";
        }, FakeJson.object());
    }

    @Override
    JsonNode body(String path) {
        return body;
    }
}
