package io.referloop.ingest;

/** A webhook whose signature is missing, wrong or too old: answered 401, nothing stored. */
public class SignatureException extends RuntimeException {
    public SignatureException(String reason) {
        super(reason);
    }
}
