package io.referloop.salesforce;

import io.referloop.demo.FakeSalesforce;
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
 * A saved salesforce.yaml applies while the connector runs, once the org has every field it names; a change with a
 * mistake, or naming a field the org lacks, leaves the mapping before it in use.
 */
@LiveFilesContext
class SalesforceMappingReloadTest {

    static final FakeSalesforce salesforce = LiveFilesProperties.salesforce();
    static final EditedMapping EDITED = new EditedMapping(LiveFilesProperties.mappings(), "salesforce.yaml");
    /** The written referral code, not the one read (a friend's code is read from the same field). */
    static final String SHIPPED_CODE = "    referral-code: Referral_Code__c\n    referral-link:";

    @Autowired
    MappingFiles mappings;
    @Autowired
    LiveMapping<SalesforceMapping> mapping;

    /** Each test, and each other test of the context, starts from the shipped salesforce.yaml. */
    @AfterEach
    void shippedMappingAgain() {
        EDITED.saveShipped();
        await().atMost(Duration.ofSeconds(30)).until(() -> EDITED.applied(mappings) && "Referral_Code__c".equals(codeField())
                && "NPS_Score__c".equals(npsField()));
    }

    @Test
    void renamedFieldsTheOrgHasAreReadAndWrittenWithoutRestart() {
        for (String object : new String[]{"Contact", "Lead"}) {
            salesforce.addField(object, "Referral_Code_2__c", "Referral_Code__c");
            salesforce.addField(object, "NPS_Rating__c", "NPS_Score__c");
        }
        EDITED.save(EDITED.shipped().replace(SHIPPED_CODE, "    referral-code: Referral_Code_2__c\n    referral-link:")
                .replace("nps-score: NPS_Score__c", "nps-score: NPS_Rating__c"));

        await().atMost(Duration.ofSeconds(30)).until(() -> "Referral_Code_2__c".equals(codeField()));
        assertThat(npsField()).isEqualTo("NPS_Rating__c");
        assertThat(EDITED.applied(mappings)).isTrue();

        String promoter = contact("NPS_Rating__c");
        await().atMost(Duration.ofSeconds(30)).until(() -> salesforce.record("Contact", promoter).get("Referral_Code_2__c") != null);
        assertThat(salesforce.record("Contact", promoter)).doesNotContainKey("Referral_Code__c");
    }

    @Test
    void aFieldTheOrgLacksRefusesTheChangeNamingObjectAndFieldAndTheMappingBeforeItKeepsWorking() {
        EDITED.save(EDITED.shipped().replace(SHIPPED_CODE, "    referral-code: Referral_Code_Missing__c\n    referral-link:"));

        await().atMost(Duration.ofSeconds(30)).until(() -> EDITED.refusal(mappings).contains("lacks fields"));
        assertThat(EDITED.refusal(mappings)).startsWith("salesforce.yaml: ")
                .contains("Contact.Referral_Code_Missing__c", "Lead.Referral_Code_Missing__c")
                .doesNotContain("Referral_Link__c");
        assertThat(codeField()).isEqualTo("Referral_Code__c");

        String promoter = contact("NPS_Score__c");
        await().atMost(Duration.ofSeconds(30)).until(() -> salesforce.record("Contact", promoter).get("Referral_Code__c") != null);
    }

    @Test
    void aChangeWithAMistakeIsRefusedWithFileLineAndColumnAndTheMappingBeforeItKeepsWorking() {
        EDITED.save(EDITED.shipped().replace(SHIPPED_CODE, "    referral-code: 42\n    referral-link:"));

        await().atMost(Duration.ofSeconds(30)).until(() -> EDITED.refusal(mappings).contains("referral-code"));
        assertThat(EDITED.refusal(mappings)).containsPattern("salesforce\\.yaml:\\d+:\\d+: ");
        assertThat(codeField()).isEqualTo("Referral_Code__c");

        String promoter = contact("NPS_Score__c");
        await().atMost(Duration.ofSeconds(30)).until(() -> salesforce.record("Contact", promoter).get("Referral_Code__c") != null);
    }

    /** A contact the shipped program.yaml enrols as an advocate (NPS 10), found by polling. */
    private static String contact(String npsField) {
        return salesforce.createRecord("Contact", Map.of("Email", "promoter-" + UUID.randomUUID() + "@acme.io",
                "LastName", "Promoter", npsField, 10));
    }

    private String codeField() {
        return mapping.current().person().write().get("referral-code");
    }

    private String npsField() {
        return mapping.current().person().read().get("nps-score");
    }
}
