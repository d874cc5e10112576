package io.referloop.salesforce;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A polled record's inbox key names its version: Salesforce stamps to the second, so the stamp alone does not. */
class SalesforceRecordVersionTest {

    private static final String ID = "00Qxx0000000001AAA";
    private static final String STAMP = "2026-11-22T10:00:07.000+0000";

    @Test
    void twoVersionsWrittenInOneSecondHaveDifferentKeys() {
        String created = SalesforcePoller.versionKey("Lead", ID, STAMP, "{\"Referral_Code__c\":null}");
        String coded = SalesforcePoller.versionKey("Lead", ID, STAMP, "{\"Referral_Code__c\":\"K7M2P9QX\"}");

        assertThat(coded).isNotEqualTo(created);
    }

    @Test
    void aReReadOfAnUnchangedVersionHasTheSameKey() {
        String payload = "{\"objectType\":\"Lead\",\"fields\":{\"Id\":\"" + ID + "\"}}";

        assertThat(SalesforcePoller.versionKey("Lead", ID, STAMP, payload))
                .isEqualTo(SalesforcePoller.versionKey("Lead", ID, STAMP, payload))
                .startsWith("poll:Lead:" + ID + ":" + STAMP + ":");
    }
}
