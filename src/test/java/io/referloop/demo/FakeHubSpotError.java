package io.referloop.demo;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An error answer in HubSpot's shape, thrown by a handler and rendered by the router. */
final class FakeHubSpotError extends FakeApiError {

    private final ObjectNode body;

    FakeHubSpotError(int status, String category, String message) {
        super(status, message);
        this.body = FakeHubSpotJson.errorBody(category, message);
    }

    static FakeHubSpotError validation(String message) {
        return new FakeHubSpotError(400, "VALIDATION_ERROR", message);
    }

    static FakeHubSpotError notFound(String message) {
        return new FakeHubSpotError(404, "OBJECT_NOT_FOUND", message);
    }

    static FakeHubSpotError conflict(String message) {
        return new FakeHubSpotError(409, "OBJECT_ALREADY_EXISTS", message);
    }

    /** A private app without the scope the call needs: 403 {@code MISSING_SCOPES}, the scope named in the context. */
    static FakeHubSpotError missingScope(String scope) {
        FakeHubSpotError error = new FakeHubSpotError(403, "MISSING_SCOPES", "This app hasn't been granted all required "
                + "scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.");
        ObjectNode detail = error.body.putArray("errors").addObject();
        detail.put("message", "One or more of the following scopes are required.");
        detail.putObject("context").putArray("requiredGranularScopes").add(scope);
        return error;
    }

    /** Adds an entry to the body's {@code errors} array: {message, in, code}. */
    FakeHubSpotError withError(String message, String in, String code) {
        ArrayNode errors = body.has("errors") ? (ArrayNode) body.get("errors") : body.putArray("errors");
        ObjectNode error = errors.addObject();
        error.put("message", message);
        error.put("in", in);
        error.put("code", code);
        return this;
    }

    /** HubSpot's 400 for a body that is not a JSON object. */
    static FakeHubSpotError invalidBody(FakeJson.BodyProblem problem) {
        return validation(switch (problem.kind()) {
            case EMPTY -> "Invalid input JSON: No content to map due to end-of-input";
            case MALFORMED -> "Invalid input JSON" + where(problem.parseError().getLocation()) + ": "
                    + problem.parseError().getOriginalMessage();
            case NOT_AN_OBJECT -> "Invalid input JSON: expected a JSON object";
        });
    }

    private static String where(JsonLocation at) {
        return at == null ? "" : " on line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    @Override
    JsonNode body(String path) {
        return body;
    }
}
