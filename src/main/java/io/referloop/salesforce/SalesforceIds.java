package io.referloop.salesforce;

/** The object type a Salesforce id belongs to, from its three-character key prefix. */
final class SalesforceIds {

    private SalesforceIds() {
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
