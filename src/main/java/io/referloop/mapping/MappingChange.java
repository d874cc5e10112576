package io.referloop.mapping;

/**
 * How a changed mapping file was taken while the connector runs.
 *
 * @param message for {@link Kind#REFUSED}, every mistake as {@code file:line:column: path: reason}
 */
public record MappingChange(Kind kind, String message) {

    public enum Kind {
        /** the new rules are in use */
        APPLIED,
        /** valid, but read at start only (CRM field names: properties are provisioned and fields checked at start) */
        AT_NEXT_START,
        /** a mistake: the rules before the change stay in use */
        REFUSED,
        /** a file the configuration does not read */
        NOT_READ
    }

    public boolean refused() {
        return kind == Kind.REFUSED;
    }
}
