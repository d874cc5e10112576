package io.referloop.salesforce;

/** A Salesforce call that failed; {@code errorCode} is Salesforce's (e.g. REQUEST_LIMIT_EXCEEDED), when it gave one. */
public class SalesforceApiException extends RuntimeException {

    private final int status;
    private final String errorCode;

    public SalesforceApiException(int status, String errorCode, String message, Throwable cause) {
        super("Salesforce answered " + status + (errorCode == null ? "" : " " + errorCode) + ": " + message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    public boolean isApiLimitExhausted() {
        return "REQUEST_LIMIT_EXCEEDED".equals(errorCode);
    }

    public boolean isTransient() {
        return status == 0 || status >= 500 || isApiLimitExhausted();
    }
}
