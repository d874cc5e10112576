package io.referloop.hubspot;

/**
 * A HubSpot call that failed. {@code status} 0 means no answer (connection refused or reset, timeout).
 * Transient failures (no answer, 423, 429, 477, 5xx) are retried; the others are the request's fault.
 */
public class HubSpotApiException extends RuntimeException {

    private final int status;
    private final String category;
    private final long retryAfterMillis;

    public HubSpotApiException(int status, String category, String message, long retryAfterMillis, Throwable cause) {
        super("HubSpot " + (status == 0 ? "unreachable" : "answered " + status)
                + (category == null ? "" : " " + category) + ": " + message, cause);
        this.status = status;
        this.category = category;
        this.retryAfterMillis = retryAfterMillis;
    }

    public int status() {
        return status;
    }

    public String category() {
        return category;
    }

    /** How long HubSpot asked us to wait (429, 423), or 0. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }

    public boolean isTransient() {
        return status == 0 || status == 423 || status == 429 || status == 477 || status >= 500;
    }

    public boolean isRateLimited() {
        return status == 429;
    }
}
