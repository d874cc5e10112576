package io.referloop;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** A new CRM is a new package: the referral and reward logic never know which CRM they serve. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.referloop");

    @Test
    void referralAndRewardDoNotDependOnAnyCrmOrBillingPackage() {
        noClasses().that().resideInAnyPackage("io.referloop.referral..", "io.referloop.reward..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.referloop.hubspot..", "io.referloop.salesforce..", "io.referloop.billing..",
                        "io.referloop.ingest..", "io.referloop.admin..", "io.referloop.demo..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void referralAndRewardNameNoCrmVendor() {
        noClasses().that().resideInAnyPackage("io.referloop.referral..", "io.referloop.reward..")
                .should().haveSimpleNameContaining("HubSpot")
                .orShould().haveSimpleNameContaining("Salesforce")
                .allowEmptyShould(true)
                .check(classes);
    }
}
