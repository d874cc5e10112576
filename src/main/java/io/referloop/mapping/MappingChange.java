package io.referloop.mapping;

/**
 * How a changed mapping file was taken while the connector runs.
 *
 * @param message for {@link Kind#REFUSED}, every mistake as {@code file:line:column: path: reason}, or the file and
 *                the reason a CRM gave
 */
public record MappingChange(Kind kind, String message) {

    public enum Kind {
        /** the new rules are in use */
        APPLIED,
        /** a mistake, or what the new rules need could not be prepared (in a CRM): the rules before the change stay in use */
        REFUSED,
        /** a file the configuration does not read */
        NOT_READ
    }

    public boolean refused() {
        return kind == Kind.REFUSED;
    }
}
