package io.referloop.reward;

/** A gift-card call that failed; {@code retryable} means: try again later with the same idempotency key. */
public class GiftCardException extends RuntimeException {

    private final boolean retryable;

    public GiftCardException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
