package io.referloop.privacy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonErasureTest {

    @Test
    void findsAnAddressWithUnderscoresLiterallyNotAsWildcards() {
        assertThat(PersonErasure.containing("a_b%c!d@x.io")).isEqualTo("%a!_b!%c!!d@x.io%");
    }
}
