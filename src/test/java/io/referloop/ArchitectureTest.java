package io.referloop;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * A new CRM is a new package, and so is a new gift-card provider: the referral and reward logic never know which
 * CRM they serve or which provider pays.
 */
class ArchitectureTest {

    // imported once for the class, not once per test: the import is most of this test's time
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.referloop");

    @Test
    void referralAndRewardDoNotDependOnAnyCrmOrBillingPackage() {
        noClasses().that().resideInAnyPackage("io.referloop.referral..", "io.referloop.reward..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.referloop.hubspot..", "io.referloop.salesforce..", "io.referloop.billing..",
                        "io.referloop.ingest..", "io.referloop.admin..", "io.referloop.demo..",
                        "io.referloop.giftcard..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void referralAndRewardNameNoCrmOrGiftCardVendor() {
        noClasses().that().resideInAnyPackage("io.referloop.referral..", "io.referloop.reward..")
                .should().haveSimpleNameContaining("HubSpot")
                .orShould().haveSimpleNameContaining("Salesforce")
                .orShould().haveSimpleNameContaining("Tremendous")
                .orShould().haveSimpleNameContaining("Tango")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void giftCardProvidersImplementTheRewardPortAndKnowNoCrm() {
        noClasses().that().resideInAPackage("io.referloop.giftcard..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.referloop.hubspot..", "io.referloop.salesforce..", "io.referloop.billing..",
                        "io.referloop.ingest..", "io.referloop.referral..", "io.referloop.demo..")
                .check(CLASSES);
    }

    @Test
    void theSharedCrmSkeletonNeitherUsesNorNamesACrmVendor() {
        noClasses().that().resideInAPackage("io.referloop.crm..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.referloop.hubspot..", "io.referloop.salesforce..", "io.referloop.billing..",
                        "io.referloop.demo..")
                .orShould().haveSimpleNameContaining("HubSpot")
                .orShould().haveSimpleNameContaining("Salesforce")
                .check(CLASSES);
    }
}
