package io.referloop.billing;

import io.referloop.ingest.InboxEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Chargebee re-read settings: both or neither, and without them events are used as received (as before). */
class ChargebeeEventCheckTest {

    @Test
    void withoutSiteAndApiKeyEventsAreActedOnAsReceived() {
        ChargebeeProperties basicAuthOnly = new ChargebeeProperties("chargebee", "s3cret-pass", null, null, null);
        List<InboxEvent> claimed = List.of(new InboxEvent(1, "chargebee", "ev_1", "payment_succeeded", null,
                "{\"id\":\"ev_1\"}", Instant.now(), 1));

        assertThat(new ChargebeeEventCheck(basicAuthOnly, null, null).confirmed(claimed)).isSameAs(claimed);
    }

    @Test
    void aSiteWithoutAnApiKeyRefusesToStartRatherThanTrustEventsQuietly() {
        assertThatThrownBy(() -> new ChargebeeProperties("chargebee", "s3cret-pass", "acme-test", null, null))
                .hasMessageContaining("referloop.chargebee.api-key");
    }

    @Test
    void theApiBaseIsTheSitesUnlessOverridden() {
        assertThat(new ChargebeeProperties(null, null, "acme-test", "key", null).apiBaseUrl())
                .isEqualTo("https://acme-test.chargebee.com/api/v2");
        assertThat(new ChargebeeProperties(null, null, "acme-test", "key", "http://localhost:9/api/v2/").apiBaseUrl())
                .isEqualTo("http://localhost:9/api/v2");
    }
}
