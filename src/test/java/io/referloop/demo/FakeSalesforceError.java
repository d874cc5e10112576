package io.referloop.demo;

/** A top-level error in Salesforce's shape ({@code [{message, errorCode}]}), thrown by a handler, rendered by the router. */
final class FakeSalesforceError extends RuntimeException {

    private final int status;
    private final String errorCode;

    FakeSalesforceError(int status, String errorCode, String message) {
        super(message, null, false, false);
        this.status = status;
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

    FakeSalesforceReply reply() {
        return new FakeSalesforceReply(status, FakeSalesforceJson.errorBody(errorCode, getMessage()));
    }
}
