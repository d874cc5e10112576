package io.referloop.referral;

import java.time.Instant;
import java.util.Map;

/**
 * A CRM contact as the referral logic sees it, whatever the CRM: fields are keyed by the canonical
 * names of the mapping files ({@code email}, {@code first-name}, {@code referral-code}, {@code nps-score} ...).
 */
public record ContactSnapshot(String crm, String contactId, Map<String, String> fields, Instant createdAt) {

    public static final String EMAIL = "email";
    public static final String FIRST_NAME = "first-name";
    public static final String LAST_NAME = "last-name";
    public static final String REFERRAL_CODE = "referral-code";

    public String email() {
        return Emails.normalise(fields.get(EMAIL));
    }

    public String referralCode() {
        String code = fields.get(REFERRAL_CODE);
        return code == null || code.isBlank() ? null : code.trim().toUpperCase(java.util.Locale.ROOT);
    }

    public String name() {
        String first = fields.getOrDefault(FIRST_NAME, "");
        String last = fields.getOrDefault(LAST_NAME, "");
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
        return name.isEmpty() ? null : name;
    }
}
