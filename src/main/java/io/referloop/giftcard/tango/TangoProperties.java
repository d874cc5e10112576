package io.referloop.giftcard.tango;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * {@code referloop.tango.*}. Tango Card is on when the platform name, API key, account, customer and UTID (the
 * catalogue item) are all set. {@code timeout} bounds each HTTP attempt; {@code maxAttempts} counts attempts per
 * order call, all with the same {@code externalRefID}.
 */
@ConfigurationProperties("referloop.tango")
public record TangoProperties(
        @DefaultValue("https://integration-api.tangocard.com/raas/v2") URI baseUrl,
        String platformName,
        String apiKey,
        String accountIdentifier,
        String customerIdentifier,
        String utid,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("3") int maxAttempts) {

    public boolean configured() {
        return set(platformName) && set(apiKey) && set(accountIdentifier) && set(customerIdentifier) && set(utid);
    }

    private static boolean set(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "TangoProperties[baseUrl=" + baseUrl + ", platformName=" + platformName
                + ", apiKey=" + (set(apiKey) ? "****" : "none") + ", accountIdentifier=" + accountIdentifier
                + ", customerIdentifier=" + customerIdentifier + ", utid=" + utid + ", timeout=" + timeout
                + ", maxAttempts=" + maxAttempts + "]";
    }
}
