package io.referloop.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    private final Redaction redaction = new Redaction("ada@northwind.io", Set.of("Ada Lovelace"), "erased-1@erased.invalid");

    @Test
    void theEmailInAnyCaseBecomesThePseudonymWhereverItOccurs() {
        assertThat(redaction.text("hubspot:17 <ADA@Northwind.io>")).isEqualTo("hubspot:17 <erased-1@erased.invalid>");
    }

    @Test
    void aValueThatIsOneOfTheirNamesIsErased() {
        assertThat(redaction.text(" ada lovelace ")).isEqualTo(Redaction.NAME);
    }

    @Test
    void aNameInsideOtherTextIsLeftAlone() {
        assertThat(redaction.text("Ada Lovelace Foundation")).isEqualTo("Ada Lovelace Foundation");
    }

    @Test
    void everyTextValueOfAJsonTreeIsRedactedAndItsKeysStay() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String redacted = json.writeValueAsString(redaction.json(json.readTree("""
                {"advocateEmail":"ada@northwind.io","name":"Ada Lovelace","n":3,
                 "previous":{"emails":["x@y.io","Ada@northwind.io"]}}""")));

        assertThat(redacted).isEqualTo("{\"advocateEmail\":\"erased-1@erased.invalid\",\"name\":\"[erased]\",\"n\":3,"
                + "\"previous\":{\"emails\":[\"x@y.io\",\"erased-1@erased.invalid\"]}}");
    }
}
