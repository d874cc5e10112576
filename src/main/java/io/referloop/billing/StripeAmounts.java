package io.referloop.billing;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/**
 * Stripe sends amounts as integers in the currency's minor unit, and the minor unit is not always a
 * hundredth: zero-decimal currencies are whole units, three-decimal ones thousandths (Stripe's currency docs).
 */
final class StripeAmounts {

    private static final Set<String> ZERO_DECIMAL = Set.of(
            "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
    private static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

    private StripeAmounts() {
    }

    /** {@code 4900 usd} is 49.00, {@code 4900 jpy} 4900, {@code 4900 kwd} 4.900. */
    static BigDecimal toMajor(long minor, String currency) {
        return BigDecimal.valueOf(minor, decimals(currency));
    }

    static int decimals(String currency) {
        String code = currency == null ? "" : currency.toUpperCase(Locale.ROOT);
        if (ZERO_DECIMAL.contains(code)) {
            return 0;
        }
        return THREE_DECIMAL.contains(code) ? 3 : 2;
    }
}
