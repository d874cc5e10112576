package io.referloop.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A polled record's inbox key names its version: Salesforce stamps to the second, so the stamp alone does not. */
class SalesforceRecordVersionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "00Qxx0000000001AAA";
    private static final String STAMP = "2026-11-22T10:00:07.000+0000";

    @Test
    void twoVersionsWrittenInOneSecondHaveDifferentKeys() throws Exception {
        String created = SalesforceRecordVersion.versionKey("Lead", ID, STAMP, record("{\"Id\":\"" + ID + "\",\"Referral_Code__c\":null}"));
        String coded = SalesforceRecordVersion.versionKey("Lead", ID, STAMP, record("{\"Id\":\"" + ID + "\",\"Referral_Code__c\":\"K7M2P9QX\"}"));

        assertThat(coded).isNotEqualTo(created);
    }

    @Test
    void aReReadOfAnUnchangedVersionHasTheSameKeyWhateverOrderTheFieldsComeIn() throws Exception {
        JsonNode read = record("{\"attributes\":{\"type\":\"Lead\"},\"Id\":\"" + ID + "\",\"Email\":\"ada@acme.io\",\"NPS_Score__c\":10.0}");
        JsonNode reRead = record("{\"NPS_Score__c\":10.0,\"Email\":\"ada@acme.io\",\"Id\":\"" + ID + "\",\"attributes\":{\"type\":\"Lead\"}}");

        assertThat(SalesforceRecordVersion.versionKey("Lead", ID, STAMP, reRead))
                .isEqualTo(SalesforceRecordVersion.versionKey("Lead", ID, STAMP, read))
                .startsWith("poll:Lead:" + ID + ":" + STAMP + ":");
    }

    private static JsonNode record(String json) throws Exception {
        return JSON.readTree(json);
    }
}
