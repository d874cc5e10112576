package io.referloop.hubspot;

import io.referloop.demo.FakeHubSpot;
import io.referloop.mapping.LiveMapping;
import io.referloop.mapping.MappingFiles;
import io.referloop.support.EditedMapping;
import io.referloop.support.LiveFilesContext;
import io.referloop.support.LiveFilesProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A saved hubspot.yaml applies while the connector runs, once HubSpot has the properties it names; a change with a
 * mistake, or one HubSpot refuses, leaves the mapping before it in use.
 */
@LiveFilesContext
class HubSpotMappingReloadTest {

    static final FakeHubSpot hubspot = LiveFilesProperties.hubspot();
    static final EditedMapping EDITED = new EditedMapping(LiveFilesProperties.mappings(), "hubspot.yaml");
    static final String SHIPPED_CODE = "    referral-code: referral_code\n    referral-link:";

    @Autowired
    MappingFiles mappings;
    @Autowired
    LiveMapping<HubSpotMapping> mapping;

    /** Each test, and each other test of the context, starts from the shipped hubspot.yaml. */
    @AfterEach
    void shippedMappingAgain() {
        EDITED.saveShipped();
        await().atMost(Duration.ofSeconds(30)).until(() -> EDITED.applied(mappings) && "referral_code".equals(codeProperty()));
    }

    @Test
    void aRenamedPropertyIsCreatedInHubSpotAndWrittenWithoutRestart() {
        EDITED.save(EDITED.shipped().replace(SHIPPED_CODE, "    referral-code: referral_code_renamed\n    referral-link:"));

        await().atMost(Duration.ofSeconds(30)).until(() -> "referral_code_renamed".equals(codeProperty()));
        assertThat(hubspot.hasProperty("contacts", "referral_code_renamed")).as("created before it was used").isTrue();
        assertThat(EDITED.applied(mappings)).isTrue();

        String promoter = promoter();
        await().atMost(Duration.ofSeconds(30)).until(() -> hubspot.contact(promoter).get("referral_code_renamed") != null);
        assertThat(hubspot.contact(promoter)).doesNotContainKey("referral_code");
    }

    @Test
    void aChangeWithAMistakeIsRefusedWithFileLineAndColumnAndTheMappingBeforeItKeepsWorking() {
        EDITED.save(EDITED.shipped().replace(SHIPPED_CODE, "    referral-code: [referral_code_broken\n    referral-link:"));

        await().atMost(Duration.ofSeconds(30)).until(() -> EDITED.refusal(mappings).contains("not valid YAML"));
        assertThat(EDITED.refusal(mappings)).containsPattern("hubspot\\.yaml:\\d+:\\d+: ");
        assertThat(codeProperty()).isEqualTo("referral_code");

        String promoter = promoter();
        await().atMost(Duration.ofSeconds(30)).until(() -> hubspot.contact(promoter).get("referral_code") != null);
    }

    @Test
    void aPropertyHubSpotRefusesToCreateRefusesTheChangeWithHubSpotsReason() {
        hubspot.revokeScope("crm.schemas.contacts.write");
        try {
            EDITED.save(EDITED.shipped().replace(SHIPPED_CODE, "    referral-code: referral_code_refused\n    referral-link:"));

            await().atMost(Duration.ofSeconds(30)).until(() -> EDITED.refusal(mappings).contains("MISSING_SCOPES"));
        } finally {
            hubspot.grantScope("crm.schemas.contacts.write");
        }
        assertThat(EDITED.refusal(mappings)).startsWith("hubspot.yaml: HubSpot answered 403 MISSING_SCOPES");
        assertThat(codeProperty()).isEqualTo("referral_code");
        assertThat(hubspot.hasProperty("contacts", "referral_code_refused")).isFalse();

        String promoter = promoter();
        await().atMost(Duration.ofSeconds(30)).until(() -> hubspot.contact(promoter).get("referral_code") != null);
    }

    /** A contact the shipped program.yaml enrols as an advocate (NPS 10), found by polling. */
    private static String promoter() {
        return hubspot.createContact(Map.of("email", "promoter-" + UUID.randomUUID() + "@acme.io", "nps_score", "10"));
    }

    private String codeProperty() {
        return mapping.current().contact().write().get("referral-code");
    }
}
