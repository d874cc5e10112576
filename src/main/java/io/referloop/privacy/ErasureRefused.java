package io.referloop.privacy;

/** An erasure that was not done, and nothing changed: the request is wrong, or the person's data is in use. */
public class ErasureRefused extends RuntimeException {

    private final boolean conflict;

    ErasureRefused(String message, boolean conflict) {
        super(message);
        this.conflict = conflict;
    }

    public boolean conflict() {
        return conflict;
    }
}
