package io.referloop.referral;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What a CRM's website or domain field becomes as the company's domain. */
class CompanyDomainNormalisationTest {

    @ParameterizedTest
    @CsvSource({
            "https://www.Acme.com/pricing, acme.com",
            "acme.com, acme.com",
            "ACME.COM, acme.com",
            "  www.acme.com  , acme.com",
            "http://acme.co.uk?utm=x, acme.co.uk",
            "https://shop.acme.com:8443/#top, shop.acme.com",
            "//acme.io/, acme.io",
            "https://user@acme.io, acme.io",
            "acme.com., acme.com",
            "www.com, www.com",
    })
    void aWebsiteBecomesItsBareLowerCaseHostName(String website, String domain) {
        assertThat(Emails.normaliseDomain(website)).isEqualTo(domain);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "Acme Inc", "n/a", "localhost", "https://", "acme .com"})
    void aValueWithoutAHostNameIsNoDomain(String website) {
        assertThat(Emails.normaliseDomain(website)).isNull();
    }
}
