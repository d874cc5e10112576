package io.referloop.ingest;

import com.stripe.net.Webhook;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Checked against Stripe's own SDK (stripe-java) as the oracle. */
class StripeSignatureTest {

    private static final String SECRET = "whsec_test_secret";
    private static final String PAYLOAD = "{\n  \"id\": \"evt_test_webhook\",\n  \"object\": \"event\",\n  \"note\": \"Zoë 日本 \\u00e9\"\n}";
    private static final long NOW = 1_750_000_000L;

    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    @Test
    void ourSignatureIsTheOneStripesSdkComputes() throws Exception {
        String expected = Webhook.Util.computeHmacSha256(SECRET, NOW + "." + PAYLOAD);
        assertThat(StripeSignature.sign(SECRET, NOW, bytes(PAYLOAD))).isEqualTo(expected);
    }

    @Test
    void aValidHeaderIsAcceptedAsStripesSdkAcceptsIt() throws Exception {
        String header = header(NOW, StripeSignature.sign(SECRET, NOW, bytes(PAYLOAD)));
        assertThat(Webhook.Signature.verifyHeader(PAYLOAD, header, SECRET, 300, clock)).isTrue();
        assertThatCode(() -> verifier(SECRET).verify(bytes(PAYLOAD), header)).doesNotThrowAnyException();
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsRefused() {
        String header = header(NOW, StripeSignature.sign("whsec_other", NOW, bytes(PAYLOAD)));
        assertThatThrownBy(() -> verifier(SECRET).verify(bytes(PAYLOAD), header))
                .isInstanceOf(SignatureException.class).hasMessageContaining("No signatures found matching");
    }

    @Test
    void aVerifierThatRefusedATamperedBodyStillAcceptsTheGenuineOneUnderEitherSecret() {
        StripeSignature rotating = new StripeSignature(List.of("whsec_old", SECRET), clock);
        String header = header(NOW, StripeSignature.sign(SECRET, NOW, bytes(PAYLOAD)));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> rotating.verify(bytes(PAYLOAD + " "), header)).isInstanceOf(SignatureException.class);
            assertThatCode(() -> rotating.verify(bytes(PAYLOAD), header)).doesNotThrowAnyException();
        }
    }

    @Test
    void aTimestampOutsideTheToleranceIsRefused() {
        long old = NOW - 301;
        String header = header(old, StripeSignature.sign(SECRET, old, bytes(PAYLOAD)));
        assertThatThrownBy(() -> verifier(SECRET).verify(bytes(PAYLOAD), header))
                .isInstanceOf(SignatureException.class).hasMessageContaining("tolerance");
    }

    @Test
    void aTimestampFurtherThanTheToleranceInTheFutureIsRefused() {
        long future = NOW + 301;
        String header = header(future, StripeSignature.sign(SECRET, future, bytes(PAYLOAD)));
        assertThatThrownBy(() -> verifier(SECRET).verify(bytes(PAYLOAD), header))
                .isInstanceOf(SignatureException.class).hasMessageContaining("tolerance");
    }

    @Test
    void anyOfTwoV1SignaturesMayMatchDuringRotation() {
        String header = "t=" + NOW + ",v1=" + StripeSignature.sign("whsec_old", NOW, bytes(PAYLOAD))
                + ",v1=" + StripeSignature.sign(SECRET, NOW, bytes(PAYLOAD));
        assertThatCode(() -> verifier(SECRET).verify(bytes(PAYLOAD), header)).doesNotThrowAnyException();
    }

    @Test
    void anyOfSeveralConfiguredSecretsMayMatch() {
        String header = header(NOW, StripeSignature.sign("whsec_new", NOW, bytes(PAYLOAD)));
        StripeSignature rotating = new StripeSignature(List.of(SECRET, "whsec_new"), clock);
        assertThatCode(() -> rotating.verify(bytes(PAYLOAD), header)).doesNotThrowAnyException();
    }

    @Test
    void onlyTheV1SchemeCounts() {
        String header = "t=" + NOW + ",v0=" + StripeSignature.sign(SECRET, NOW, bytes(PAYLOAD));
        assertThatThrownBy(() -> verifier(SECRET).verify(bytes(PAYLOAD), header))
                .isInstanceOf(SignatureException.class).hasMessageContaining("expected scheme");
    }

    @Test
    void aMissingHeaderIsRefused() {
        assertThatThrownBy(() -> verifier(SECRET).verify(bytes(PAYLOAD), null)).isInstanceOf(SignatureException.class);
    }

    private StripeSignature verifier(String secret) {
        return new StripeSignature(List.of(secret), clock);
    }

    private static String header(long t, String v1) {
        return "t=" + t + ",v1=" + v1;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
