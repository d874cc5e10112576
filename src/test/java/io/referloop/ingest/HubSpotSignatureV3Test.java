package io.referloop.ingest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HubSpotSignatureV3Test {

    // HubSpot's published vector (hubspot-api-python tests/spec/utils/test_signature.py)
    private static final String SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
    private static final byte[] BODY = "{'example_field':'example_value'}".getBytes(StandardCharsets.UTF_8);
    private static final String URI = "https://www.example.com/webhook_uri";
    private static final String TIMESTAMP = "15000000";
    private static final String EXPECTED = "HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=";

    private final HubSpotSignatureV3 verifier = new HubSpotSignatureV3(SECRET, clockAt(15_000_000L + 60_000));

    @Test
    void computesHubSpotsPublishedTestVector() {
        assertThat(verifier.sign("POST", URI, BODY, TIMESTAMP)).isEqualTo(EXPECTED);
    }

    @Test
    void acceptsThePublishedVectorWithinFiveMinutes() {
        assertThatCode(() -> verifier.verify("POST", URI, BODY, EXPECTED, TIMESTAMP)).doesNotThrowAnyException();
    }

    @Test
    void refusesAWrongSignature() {
        assertThatThrownBy(() -> verifier.verify("POST", URI, BODY, "HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQx=", TIMESTAMP))
                .isInstanceOf(SignatureException.class).hasMessageContaining("does not match");
    }

    @Test
    void refusesASignatureMadeWithAnotherSecret() {
        String forged = new HubSpotSignatureV3("another-secret", clockAt(0)).sign("POST", URI, BODY, TIMESTAMP);
        assertThatThrownBy(() -> verifier.verify("POST", URI, BODY, forged, TIMESTAMP))
                .isInstanceOf(SignatureException.class);
    }

    @Test
    void refusesABodyChangedByOneByte() {
        byte[] changed = BODY.clone();
        changed[3] = 'X';
        assertThatThrownBy(() -> verifier.verify("POST", URI, changed, EXPECTED, TIMESTAMP))
                .isInstanceOf(SignatureException.class);
    }

    @Test
    void refusesATimestampOlderThanFiveMinutes() {
        HubSpotSignatureV3 later = new HubSpotSignatureV3(SECRET, clockAt(15_000_000L + 300_001));
        assertThatThrownBy(() -> later.verify("POST", URI, BODY, EXPECTED, TIMESTAMP))
                .isInstanceOf(SignatureException.class).hasMessageContaining("older than 5 minutes");
    }

    @Test
    void refusesATimestampMoreThanFiveMinutesInTheFuture() {
        HubSpotSignatureV3 earlier = new HubSpotSignatureV3(SECRET, clockAt(15_000_000L - 300_001));
        assertThatThrownBy(() -> earlier.verify("POST", URI, BODY, EXPECTED, TIMESTAMP))
                .isInstanceOf(SignatureException.class).hasMessageContaining("in the future");
    }

    @Test
    void refusesTheSmallestNegativeTimestampEvenWhenSignedInsteadOfOverflowingIntoTheWindow() {
        String minimum = Long.toString(Long.MIN_VALUE);
        String signed = verifier.sign("POST", URI, BODY, minimum);
        assertThatThrownBy(() -> verifier.verify("POST", URI, BODY, signed, minimum))
                .isInstanceOf(SignatureException.class).hasMessageContaining("older than 5 minutes");
    }

    @Test
    void refusesAMissingSignature() {
        assertThatThrownBy(() -> verifier.verify("POST", URI, BODY, null, TIMESTAMP))
                .isInstanceOf(SignatureException.class).hasMessageContaining("missing");
    }

    @Test
    void refusesAMissingTimestamp() {
        assertThatThrownBy(() -> verifier.verify("POST", URI, BODY, EXPECTED, null))
                .isInstanceOf(SignatureException.class).hasMessageContaining("missing");
    }

    @Test
    void verifiesNonAsciiBytesAndJsonEscapesExactlyAsSent() {
        byte[] body = "[{\"propertyValue\":\"Zoë 日本 \\u00e9\"}]".getBytes(StandardCharsets.UTF_8);
        String signature = verifier.sign("POST", URI, body, TIMESTAMP);
        assertThatCode(() -> verifier.verify("POST", URI, body, signature, TIMESTAMP)).doesNotThrowAnyException();
    }

    @Test
    void eachSignatureDependsOnItsOwnRequestOnlyWhateverWasSignedBeforeOrAtTheSameTime() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<String>>> signers = IntStream.range(0, 4).<Callable<List<String>>>mapToObj(t -> () ->
                    IntStream.range(0, 500).mapToObj(i -> i % 2 == 0 ? verifier.sign("POST", URI, BODY, TIMESTAMP)
                            : verifier.sign("POST", URI, ("[" + i + "]").getBytes(StandardCharsets.UTF_8), "1"))
                            .filter(s -> !s.equals(EXPECTED)).distinct().toList()).toList();
            for (Future<List<String>> signed : threads.invokeAll(signers)) {
                assertThat(signed.get()).as("signatures of the other requests").hasSize(250);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(verifier.sign("POST", URI, BODY, TIMESTAMP)).isEqualTo(EXPECTED);
    }

    private static Clock clockAt(long millis) {
        return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }
}
