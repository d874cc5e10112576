package io.referloop.demo;

import com.fasterxml.jackson.databind.JsonNode;

/** A top-level error in Salesforce's shape ({@code [{message, errorCode}]}), thrown by a handler, rendered by the router. */
final class FakeSalesforceError extends FakeApiError {

    private final String errorCode;

    FakeSalesforceError(int status, String errorCode, String message) {
        super(status, message);
        this.errorCode = errorCode;
    }

    static FakeSalesforceError badRequest(String errorCode, String message) {
        return new FakeSalesforceError(400, errorCode, message);
    }

    static FakeSalesforceError malformedQuery(String message) {
        return badRequest("MALFORMED_QUERY", message);
    }

    static FakeSalesforceError notFound() {
        return new FakeSalesforceError(404, "NOT_FOUND", "The requested resource does not exist");
    }

    String errorCode() {
        return errorCode;
    }

    @Override
    JsonNode body(String path) {
        return FakeSalesforceJson.errorBody(errorCode, getMessage());
    }
}
