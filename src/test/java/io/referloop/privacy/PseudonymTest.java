package io.referloop.privacy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PseudonymTest {

    @Test
    void isErasedFollowedBySixteenHexDigitsAtTheReservedInvalidDomain() {
        assertThat(Pseudonym.of("ada@northwind.io")).matches("erased-[0-9a-f]{16}@erased\\.invalid");
    }

    @Test
    void isTheSameForEverySpellingOfOneAddress() {
        assertThat(Pseudonym.of(" Ada@Northwind.IO ")).isEqualTo(Pseudonym.of("ada@northwind.io"));
    }

    @Test
    void differsBetweenAddresses() {
        assertThat(Pseudonym.of("ada@northwind.io")).isNotEqualTo(Pseudonym.of("bea@northwind.io"));
    }

    @Test
    void isTheFirstEightBytesOfTheSha256OfTheAddress() {
        // printf 'ada@northwind.io' | sha256sum -> 31163c2914a82a11...
        assertThat(Pseudonym.of("ada@northwind.io")).isEqualTo("erased-31163c2914a82a11@erased.invalid");
    }

    @Test
    void recognisesItself() {
        assertThat(Pseudonym.isPseudonym(Pseudonym.of("ada@northwind.io"))).isTrue();
        assertThat(Pseudonym.isPseudonym("ada@northwind.io")).isFalse();
    }
}
