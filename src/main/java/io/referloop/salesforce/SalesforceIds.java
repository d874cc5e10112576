package io.referloop.salesforce;

import java.util.regex.Pattern;

/** Salesforce ids: their shape, and the object type an id belongs to, from its three-character key prefix. */
final class SalesforceIds {

    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?");

    private SalesforceIds() {
    }

    /** Whether the text has the shape of a 15- or 18-character id (and so is safe to write into SOQL). */
    static boolean isId(String text) {
        return text != null && ID.matcher(text).matches();
    }

    /** The 15 characters that identify a record, whichever form (15 or 18) the id comes in. */
    static String key(String id) {
        return id.substring(0, 15);
    }

    static String objectType(String id) {
        String prefix = id.length() >= 3 ? id.substring(0, 3) : id;
        return switch (prefix) {
            case "003" -> "Contact";
            case "00Q" -> "Lead";
            case "006" -> "Opportunity";
            case "001" -> "Account";
            default -> throw new IllegalArgumentException("no Salesforce object type known for id " + id);
        };
    }
}
