package io.referloop.notify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Our signature against the Standard Webhooks reference implementation's published test vector. */
class WebhookSignatureTest {

    // standard-webhooks/standard-webhooks, libraries/python/tests/test_webhooks.py, test_sign_function
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final String PAYLOAD = "{\"test\": 2432232314}";
    private static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signsAsTheReferenceImplementation() {
        assertThat(new WebhookSignature(SECRET).sign(ID, TIMESTAMP, PAYLOAD)).isEqualTo(EXPECTED);
    }

    @Test
    void theKeyIsTheBase64AfterThePrefix() {
        assertThat(new WebhookSignature("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").sign(ID, TIMESTAMP, PAYLOAD)).isEqualTo(EXPECTED);
    }

    @Test
    void anotherTimestampOrBodyIsAnotherSignature() {
        WebhookSignature signature = new WebhookSignature(SECRET);
        assertThat(signature.sign(ID, TIMESTAMP + 1, PAYLOAD)).isNotEqualTo(EXPECTED);
        assertThat(signature.sign(ID, TIMESTAMP, PAYLOAD + " ")).isNotEqualTo(EXPECTED);
    }

    @Test
    void aSecretThatIsNotBase64IsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> new WebhookSignature("whsec_not base64!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("not base64!");
    }
}
