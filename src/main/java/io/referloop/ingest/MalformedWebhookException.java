package io.referloop.ingest;

/** A webhook body that cannot be read as the sender's format: answered 400, nothing stored. */
public class MalformedWebhookException extends RuntimeException {
    public MalformedWebhookException(String message) {
        super(message);
    }
}
