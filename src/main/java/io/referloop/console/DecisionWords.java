package io.referloop.console;

import io.referloop.referral.Decision;

import java.util.Map;

/** The decision log in words, for people: "Attributed by code ABC12 at sign-up (hubspot contact 51)". */
final class DecisionWords {

    private DecisionWords() {
    }

    static String describe(Decision d) {
        Map<String, Object> in = d.inputs();
        String rule = d.rule();
        String outcome = d.outcome();
        if (rule.startsWith("attribution-by-")) {
            String how = rule.substring("attribution-by-".length());
            String sentence = switch (how) {
                case "code" -> "Attributed by referral code " + value(in, "referralCode") + " at sign-up";
                case "link" -> "Attributed by a click on the referral link of code " + value(in, "referralCode");
                case "email" -> "Attributed by the email registered for this person on " + value(in, "registeredAt");
                case "domain" -> "Attributed by the company domain " + value(in, "domain") + ", registered "
                        + value(in, "companyReferredAt");
                case "manual" -> "Attributed by hand";
                default -> "Attributed (" + how + ")";
            };
            return sentence + whoAndWhere(in) + ".";
        }
        if (rule.startsWith("conversion-")) {
            String kind = rule.substring("conversion-".length());
            String what = "FIRST_PAYMENT".equals(kind) ? "First payment" : "DEAL_WON".equals(kind) ? "Deal won" : kind;
            return what + " of " + money(in.get("revenue"), in.get("currency")) + " from " + value(in, "source")
                    + " (" + value(in, "externalRef") + "): the referral converted.";
        }
        return switch (rule) {
            case "registration" -> "Registered by advocate " + value(in, "advocateCode") + " for "
                    + (in.containsKey("email") ? in.get("email") : "the domain " + in.get("domain"))
                    + ", open for " + value(in, "windowDays") + " days.";
            case "enrolment" -> "Enrolled as an advocate" + (in.containsKey("by") ? " by " + in.get("by") : "")
                    + (in.containsKey("field") ? " (" + in.get("field") + " = " + in.get("value") + ")" : "") + ".";
            case "self-referral" -> "Rejected as a self-referral: " + value(in, "reason") + ".";
            case "first-attribution-kept" -> "Already attributed; the first attribution is kept (ignored "
                    + value(in, "ignoredAttribution") + ").";
            case "manual-attribution" -> ("moved".equals(outcome) ? "Moved by hand to advocate " : "Attributed by hand to advocate ")
                    + value(in, "advocateCode") + " by " + value(in, "by") + ": " + value(in, "reason") + ".";
            case "review-threshold", "monthly-budget", "disposable-email-domain", "payer-name-matches-advocate" ->
                    "Reward of " + money(in.get("amount"), in.get("currency")) + " held for review: " + value(in, "reason") + ".";
            case "reward" -> "Reward of " + money(in.get("amount"), in.get("currency")) + " sent to the gift-card provider.";
            case "hold-period" -> "Reward of " + money(in.get("amount"), in.get("currency")) + " waits: " + value(in, "reason") + ".";
            case "monthly-cap", "advocate-disabled", "self-referral-payer" -> "Reward rejected: " + value(in, "reason") + ".";
            case "review-first-approval" -> "First approval by " + value(in, "by") + " (" + value(in, "reason") + "); "
                    + value(in, "needed") + " different approvers needed.";
            case "review" -> capitalised(outcome) + ": " + value(in, "reason") + ".";
            case "retry" -> "Retried: " + value(in, "reason") + ".";
            case "issue" -> "issued".equals(outcome)
                    ? "Gift card ordered at " + value(in, "provider") + " (order " + value(in, "providerOrderId") + ")."
                    : "The gift-card order failed at " + value(in, "provider") + ": " + value(in, "error") + ".";
            case "min-revenue" -> "Earns nothing: revenue below the minimum of " + value(in, "minRevenue") + ".";
            case "first-conversion-only" -> "Ignored: only the first conversion of a referred account counts.";
            case "one-reward-per-company" -> "Ignored: the company " + value(in, "domain") + " earned its reward already.";
            case "deal-won-and-first-payment" -> "Converted; the reward waits for both the won deal and the first payment.";
            case "friend-reward" -> "Friend reward of " + value(in, "amount") + ": " + outcome + ".";
            case "conversion" -> "A conversion that cannot be rewarded (the referral is not attributed).";
            case "console-enrolment" -> "Enrolled by hand in the console by " + value(in, "by") + ".";
            case "replay" -> capitalised(outcome) + " by " + value(in, "by") + ".";
            case "advocate-contact" -> "Advocate linked to " + value(in, "crm") + " contact " + value(in, "contactId") + ".";
            default -> capitalised(rule.replace('-', ' ')) + ": " + outcome + ".";
        };
    }

    private static String whoAndWhere(Map<String, Object> in) {
        StringBuilder s = new StringBuilder();
        if (in.get("email") != null) {
            s.append(" for ").append(in.get("email"));
        }
        if (in.get("crm") != null && in.get("contactId") != null) {
            s.append(" (").append(in.get("crm")).append(" contact ").append(in.get("contactId")).append(")");
        }
        return s.toString();
    }

    private static String money(Object amount, Object currency) {
        return amount == null ? "an unknown amount" : amount + (currency == null ? "" : " " + currency);
    }

    private static String value(Map<String, Object> in, String key) {
        Object v = in.get(key);
        return v == null ? "?" : String.valueOf(v);
    }

    private static String capitalised(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
