package io.referloop.referral;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmailsTest {

    @Test
    void caseAndSurroundingSpaceDoNotMakeAnotherMailbox() {
        assertThat(Emails.samePerson(" Ada@Contoso.io ", "ada@contoso.io")).isTrue();
    }

    @Test
    void aPlusTagDeliversToTheSameMailbox() {
        assertThat(Emails.canonical("ada+referral@contoso.io")).isEqualTo("ada@contoso.io");
    }

    @Test
    void gmailIgnoresDotsAndReadsGooglemailAsGmail() {
        assertThat(Emails.canonical("Ada.Love.Lace+x@googlemail.com")).isEqualTo("adalovelace@gmail.com");
        assertThat(Emails.samePerson("a.da@gmail.com", "ada@googlemail.com")).isTrue();
    }

    @Test
    void dotsElsewhereStillNameAnotherMailbox() {
        assertThat(Emails.samePerson("a.da@contoso.io", "ada@contoso.io")).isFalse();
    }

    @Test
    void noAddressIsNobody() {
        assertThat(Emails.samePerson(null, null)).isFalse();
        assertThat(Emails.canonical("  ")).isNull();
    }

    @Test
    void aWebsiteIsReadAsItsCompanyDomain() {
        assertThat(Emails.normaliseDomain("https://www.Acme.com/pricing?x=1")).isEqualTo("acme.com");
        assertThat(Emails.normaliseDomain("http://acme.com:8080")).isEqualTo("acme.com");
        assertThat(Emails.normaliseDomain("WWW.acme.co.uk.")).isEqualTo("acme.co.uk");
        assertThat(Emails.normaliseDomain(" ")).isNull();
    }

    @Test
    void namesCompareWithoutCaseOrPunctuation() {
        assertThat(Emails.comparableName("  Ada   LOVELACE. ")).isEqualTo(Emails.comparableName("ada lovelace"));
        assertThat(Emails.comparableName("Mary-Jane O'Neil")).isEqualTo("mary jane o neil");
    }
}
