package io.referloop.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Salesforce's date-times, ids and error body, shared by the fake Salesforce classes. */
final class FakeSalesforceJson {

    /** Salesforce's own date-time form in REST responses: {@code 2026-11-22T10:00:00.000+0000}. */
    private static final DateTimeFormatter SALESFORCE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);

    /** ISO date-times as SOQL and the REST API accept them: Z, +hh:mm or +hhmm, optional fraction. */
    private static final Pattern DATETIME = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)(Z|[+-]\\d{2}:?\\d{2})");

    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9]{15}(?:[A-Z0-5]{3})?");

    private FakeSalesforceJson() {
    }

    static String format(Instant instant) {
        return SALESFORCE.format(instant);
    }

    /** Whether the text is a complete ISO/Salesforce date-time with a zone. */
    static boolean isDateTime(String text) {
        return DATETIME.matcher(text).matches();
    }

    /** An ISO or Salesforce date-time as an instant; throws DateTimeParseException when it is neither. */
    static Instant parseDateTime(String text) {
        Matcher m = DATETIME.matcher(text.trim());
        if (!m.matches()) {
            throw new DateTimeParseException("not a date-time with a zone", text, 0);
        }
        String zone = m.group(2);
        if (!zone.equals("Z") && zone.indexOf(':') < 0) {
            zone = zone.substring(0, 3) + ":" + zone.substring(3);
        }
        return OffsetDateTime.parse(m.group(1) + zone).toInstant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A date-time value in any accepted Java or text form, as an instant; null when it is none. */
    static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant.truncatedTo(ChronoUnit.MILLIS);
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant().truncatedTo(ChronoUnit.MILLIS);
        }
        if (value instanceof ZonedDateTime zdt) {
            return zdt.toInstant().truncatedTo(ChronoUnit.MILLIS);
        }
        if (value instanceof CharSequence text) {
            try {
                return parseDateTime(text.toString());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    static LocalDate toDate(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof CharSequence text) {
            try {
                return LocalDate.parse(text.toString().trim());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    /** Salesforce's top-level error body: a JSON array of one {message, errorCode}. */
    static ArrayNode errorBody(String errorCode, String message) {
        ArrayNode body = FakeJson.array();
        ObjectNode error = body.addObject();
        error.put("message", message);
        error.put("errorCode", errorCode);
        return body;
    }

    /** A 15-character id extended with Salesforce's 3-character case checksum. */
    static String to18(String id15) {
        StringBuilder suffix = new StringBuilder(3);
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            suffix.append(ID_CHARS.charAt(bits));
        }
        return id15 + suffix;
    }

    /** Whether the text has the shape of a 15- or 18-character Salesforce id. */
    static boolean isId(String text) {
        return text != null && ID.matcher(text).matches();
    }

    /** The 18-character form of a 15- or 18-character id. */
    static String normalizeId(String id) {
        return id.length() == 15 ? to18(id) : id;
    }
}
