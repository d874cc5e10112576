package io.referloop.mapping;

import io.referloop.hubspot.HubSpotMapping;
import io.referloop.referral.ProgrammeRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MappingFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsTheShippedProgrammeFile() {
        ProgrammeRules rules = shipped().live("program.yaml", "program.schema.json", ProgrammeRules.class).current();
        assertThat(rules.attribution().windowDays()).isEqualTo(90);
        assertThat(rules.enrolment().triggers()).singleElement()
                .satisfies(t -> assertThat(t.atLeast()).isEqualByComparingTo(BigDecimal.valueOf(9)));
    }

    @Test
    void readsTheShippedHubSpotFile() {
        HubSpotMapping mapping = shipped().live("hubspot.yaml", "hubspot.schema.json", HubSpotMapping.class).current();
        assertThat(mapping.contact().read()).containsEntry("nps-score", "nps_score");
        assertThat(mapping.contact().write()).containsEntry("referral-status", "referral_status");
        assertThat(mapping.company().domainProperty()).isEqualTo("domain");
    }

    @Test
    void aHubSpotFileWrittenBeforeCompaniesWereReadStillStartsAndReadsTheDomainProperty() throws IOException {
        String shipped = Files.readString(Path.of("mappings/hubspot.yaml"));
        write("hubspot.yaml", shipped.substring(0, shipped.indexOf("\ncompany:")));
        HubSpotMapping mapping = files().live("hubspot.yaml", "hubspot.schema.json", HubSpotMapping.class).current();
        assertThat(mapping.company().domainProperty()).isEqualTo("domain");
    }

    @Test
    void readsTheShippedSalesforceFile() {
        io.referloop.salesforce.SalesforceMapping mapping = shipped().live("salesforce.yaml", "salesforce.schema.json",
                io.referloop.salesforce.SalesforceMapping.class).current();
        assertThat(mapping.person().read()).containsEntry("nps-score", "NPS_Score__c");
        assertThat(mapping.opportunity().read()).containsEntry("won", "IsWon");
    }

    @Test
    void aWrongTypeIsReportedWithFileAndLine() throws IOException {
        write("program.yaml", """
                programme:
                  name: Test
                  landing-url: https://example.com/
                enrolment:
                  triggers:
                    - field: nps-score
                      at-least: nine
                attribution:
                  window-days: 90
                """);
        assertThatThrownBy(() -> files().live("program.yaml", "program.schema.json", ProgrammeRules.class))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("program.yaml:7:")
                .hasMessageContaining("at-least");
    }

    @Test
    void anUnknownKeyIsReportedWithFileAndLine() throws IOException {
        write("program.yaml", """
                programme:
                  name: Test
                  landing-url: https://example.com/
                enrolment:
                  triggers: []
                attribution:
                  window-days: 90
                  windw-days: 30
                """);
        assertThatThrownBy(() -> files().live("program.yaml", "program.schema.json", ProgrammeRules.class))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("program.yaml:7:")
                .hasMessageContaining("windw-days");
    }

    @Test
    void aMissingKeyIsReported() throws IOException {
        write("program.yaml", """
                programme:
                  name: Test
                  landing-url: https://example.com/
                enrolment:
                  triggers: []
                """);
        assertThatThrownBy(() -> files().live("program.yaml", "program.schema.json", ProgrammeRules.class))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("program.yaml:1:")
                .hasMessageContaining("attribution");
    }

    @Test
    void brokenYamlIsReportedWithFileAndLine() throws IOException {
        write("program.yaml", """
                programme:
                  name: Test
                  landing-url: [unclosed
                enrolment:
                """);
        assertThatThrownBy(() -> files().live("program.yaml", "program.schema.json", ProgrammeRules.class))
                .isInstanceOf(MappingException.class)
                .hasMessageMatching("(?s).*program\\.yaml:\\d+:\\d+: not valid YAML.*");
    }

    @Test
    void aBadHubSpotPropertyNameIsReportedWithItsLine() throws IOException {
        String shipped = Files.readString(Path.of("mappings/hubspot.yaml"));
        write("hubspot.yaml", shipped.replace("referred-by-name: referred_by_name", "referred-by-name: Referred By"));
        int line = lineOf(shipped, "referred-by-name: referred_by_name");
        assertThatThrownBy(() -> files().live("hubspot.yaml", "hubspot.schema.json", HubSpotMapping.class))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("hubspot.yaml:" + line + ":");
    }

    @Test
    void aMissingFileIsReported() {
        assertThatThrownBy(() -> files().live("program.yaml", "program.schema.json", ProgrammeRules.class))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("program.yaml: file not found");
    }

    private MappingFiles shipped() {
        return new MappingFiles(new MappingsProperties(Path.of("mappings")));
    }

    private MappingFiles files() {
        return new MappingFiles(new MappingsProperties(dir));
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(needle);
    }
}
