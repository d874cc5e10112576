package io.referloop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.UUID;

/**
 * An error answer in Tango Card's shape, {@code {"timestamp","requestId","path","httpCode","httpPhrase","i18nKey",
 * "message","errors":[…]}}, thrown by a handler and rendered by the router (which fills in {@code path}).
 * The i18nKey values are the fake's own; Tango's catalogue of keys was not available.
 */
final class FakeTangoError extends FakeApiError {

    private final String phrase;
    private final String i18nKey;
    private final ArrayNode errors = FakeJson.array();

    FakeTangoError(int status, String phrase, String i18nKey, String message) {
        super(status, message);
        this.phrase = phrase;
        this.i18nKey = i18nKey;
    }

    static FakeTangoError validation(String message) {
        return new FakeTangoError(400, "Bad Request", "RAAS:VALIDATION_ERROR", message);
    }

    static FakeTangoError unauthorized() {
        return new FakeTangoError(401, "Unauthorized", "RAAS:UNAUTHORIZED",
                "Full authentication is required to access this resource");
    }

    static FakeTangoError notFound(String message) {
        return new FakeTangoError(404, "Not Found", "RAAS:NOT_FOUND", message);
    }

    static FakeTangoError rateLimited() {
        return new FakeTangoError(429, "Too Many Requests", "RAAS:RATE_LIMIT_EXCEEDED",
                "Too many requests: the limit is 1 request per second");
    }

    /** An injected failure with that status. */
    static FakeTangoError injected(int status) {
        return switch (status) {
            case 429 -> rateLimited();
            case 500 -> new FakeTangoError(500, "Internal Server Error", "RAAS:INTERNAL_ERROR", "Internal server error");
            case 502 -> new FakeTangoError(502, "Bad Gateway", "RAAS:BAD_GATEWAY", "Bad gateway");
            case 503 -> new FakeTangoError(503, "Service Unavailable", "RAAS:SERVICE_UNAVAILABLE",
                    "Service temporarily unavailable");
            case 504 -> new FakeTangoError(504, "Gateway Timeout", "RAAS:GATEWAY_TIMEOUT", "Gateway timeout");
            default -> new FakeTangoError(status, status >= 500 ? "Server Error" : "Client Error",
                    "RAAS:INJECTED_" + status, "Injected failure " + status);
        };
    }

    /** Adds an entry to {@code errors}: {path, i18nKey, message}. */
    FakeTangoError withError(String path, String key, String message) {
        ObjectNode error = errors.addObject();
        error.put("path", path);
        error.put("i18nKey", key);
        error.put("message", message);
        return this;
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Tango's 400 for a body that is not a JSON object. */
    static FakeTangoError invalidBody(FakeJson.BodyProblem problem) {
        return validation(switch (problem.kind()) {
            case EMPTY -> "Required request body is missing";
            case MALFORMED -> "JSON parse error: " + problem.parseError().getOriginalMessage();
            case NOT_AN_OBJECT -> "JSON parse error: the body must be a JSON object";
        });
    }

    @Override
    JsonNode body(String path) {
        ObjectNode body = FakeJson.object();
        body.put("timestamp", FakeJson.timestampNow());
        body.put("requestId", UUID.randomUUID().toString());
        body.put("path", path);
        body.put("httpCode", status());
        body.put("httpPhrase", phrase);
        body.put("i18nKey", i18nKey);
        body.put("message", getMessage());
        body.set("errors", errors.deepCopy());
        return body;
    }
}
