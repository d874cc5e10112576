package io.referloop.salesforce;

import io.referloop.ReferloopApplication;
import io.referloop.demo.FakeSalesforce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An org without the fields mappings/salesforce.yaml names stops start-up with the whole list, not one at a time. */
class SalesforceFieldCheckStartupTest {

    private final FakeSalesforce salesforce = new FakeSalesforce("00Dxx0000000005EAA", "client-id", "client-secret",
            "int@acme.io", "pw+token").start();

    @AfterEach
    void stop() {
        salesforce.close();
    }

    @Test
    void startUpStopsNamingObjectAndFieldOfEachMappedFieldTheOrgLacks() {
        salesforce.removeField("Contact", "Referral_Code__c");
        salesforce.removeField("Lead", "NPS_Score__c");
        salesforce.removeField("Opportunity", "Referral_Reward_Amount__c");
        salesforce.removeField("Account", "Website");

        assertThatThrownBy(() -> new SpringApplicationBuilder(ReferloopApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:sf-fields-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--referloop.salesforce.authentication-type=USERNAME_PASSWORD",
                "--referloop.salesforce.login-url=" + salesforce.baseUrl(),
                "--referloop.salesforce.client-id=client-id",
                "--referloop.salesforce.client-secret=client-secret",
                "--referloop.salesforce.username=int@acme.io",
                "--referloop.salesforce.password=pw+token"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Contact.Referral_Code__c")
                .hasMessageContaining("Lead.NPS_Score__c")
                .hasMessageContaining("Opportunity.Referral_Reward_Amount__c")
                .hasMessageContaining("Account.Website")
                .hasMessageNotContaining("Lead.Referral_Code__c");
    }
}
