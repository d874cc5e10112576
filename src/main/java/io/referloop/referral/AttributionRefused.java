package io.referloop.referral;

/**
 * A manual attribution that was refused before anything changed. {@link Why} tells the API which answer to
 * give: the request itself is wrong, the referral does not exist, or the referral's state forbids the move.
 */
public class AttributionRefused extends RuntimeException {

    public enum Why { INVALID, NOT_FOUND, CONFLICT }

    private final Why why;

    AttributionRefused(Why why, String message) {
        super(message);
        this.why = why;
    }

    static AttributionRefused invalid(String message) {
        return new AttributionRefused(Why.INVALID, message);
    }

    static AttributionRefused notFound(String message) {
        return new AttributionRefused(Why.NOT_FOUND, message);
    }

    static AttributionRefused conflict(String message) {
        return new AttributionRefused(Why.CONFLICT, message);
    }

    public Why why() {
        return why;
    }
}
