package io.referloop.mapping;

/** A mapping file that cannot be used: names the file, the line and what is wrong. */
public class MappingException extends RuntimeException {

    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
