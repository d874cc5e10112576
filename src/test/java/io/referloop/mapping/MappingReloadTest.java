package io.referloop.mapping;

import io.referloop.hubspot.HubSpotMapping;
import io.referloop.referral.ProgrammeRules;
import io.referloop.reward.RewardRules;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A changed mapping file is read again with the checks of the start, and what it needs in a CRM is prepared; its rules
 * change together, or not at all.
 */
class MappingReloadTest {

    @TempDir
    Path dir;

    private MappingFiles files;
    private LiveMapping<ProgrammeRules> programme;
    private LiveMapping<RewardRules> rewards;
    private LiveMapping<HubSpotMapping> hubspot;
    /** What the hubspot.yaml preparation was handed, and what was in use at that moment. */
    private final List<String> prepared = new ArrayList<>();
    private RuntimeException crmRefusal;

    @BeforeEach
    void shippedMappings() throws IOException {
        for (String file : new String[]{"program.yaml", "hubspot.yaml"}) {
            Files.copy(Path.of("mappings", file), dir.resolve(file));
        }
        files = new MappingFiles(new MappingsProperties(dir));
        programme = files.live("program.yaml", "program.schema.json", ProgrammeRules.class);
        rewards = files.live("program.yaml", "program.schema.json", RewardRules.File.class, RewardRules.File::rewards);
        hubspot = files.livePrepared("hubspot.yaml", "hubspot.schema.json", HubSpotMapping.class, next -> {
            prepared.add(statusProperty(next) + " while " + statusProperty(hubspot.current()) + " is in use");
            if (crmRefusal != null) {
                throw crmRefusal;
            }
        });
    }

    @Test
    void aValidChangePutsTheNewRulesInPlace() throws IOException {
        edit("program.yaml", "    amount: 50", "    amount: 75");

        assertThat(files.reload("program.yaml").kind()).isEqualTo(MappingChange.Kind.APPLIED);
        assertThat(rewards.current().advocate().amount()).isEqualByComparingTo("75");
    }

    @Test
    void aChangeWithAMistakeIsRefusedWithFileLineAndColumnAndTheRulesStay() throws IOException {
        edit("program.yaml", "    amount: 50", "    amount: fifty");

        MappingChange change = files.reload("program.yaml");

        assertThat(change.refused()).isTrue();
        assertThat(change.message()).containsPattern("program\\.yaml:\\d+:\\d+: .*amount");
        assertThat(rewards.current().advocate().amount()).isEqualByComparingTo("50");
        assertThat(files.lastChange("program.yaml")).contains(change);
    }

    @Test
    void aRefusedChangeLeavesEveryRuleOfTheFileAsItWas() throws IOException {
        edit("program.yaml", "window-days: 90", "window-days: 30");
        edit("program.yaml", "    amount: 50", "    amount: fifty");

        files.reload("program.yaml");

        assertThat(programme.current().attribution().windowDays()).isEqualTo(90);
    }

    @Test
    void aValidChangeOfCrmNamesIsPreparedInTheCrmBeforeItIsPutInPlace() throws IOException {
        edit("hubspot.yaml", "referral_status", "referral_state");

        MappingChange change = files.reload("hubspot.yaml");

        assertThat(change.kind()).isEqualTo(MappingChange.Kind.APPLIED);
        assertThat(prepared).containsExactly("referral_state while referral_status is in use");
        assertThat(statusProperty(hubspot.current())).isEqualTo("referral_state");
    }

    @Test
    void aChangeTheCrmCannotTakeIsRefusedWithTheCrmsReasonAndTheRulesStay() throws IOException {
        crmRefusal = new IllegalStateException("HubSpot answered 400: Property group 'growth' does not exist.");
        edit("hubspot.yaml", "referral_status", "referral_state");

        MappingChange change = files.reload("hubspot.yaml");

        assertThat(change.refused()).isTrue();
        assertThat(change.message()).isEqualTo("hubspot.yaml: HubSpot answered 400: Property group 'growth' does not exist.");
        assertThat(statusProperty(hubspot.current())).isEqualTo("referral_status");
    }

    @Test
    void aChangeWithAMistakeIsNotHandedToTheCrm() throws IOException {
        edit("hubspot.yaml", "referral_status", "Referral Status");

        assertThat(files.reload("hubspot.yaml").refused()).isTrue();
        assertThat(prepared).isEmpty();
    }

    @Test
    void aBatchKeepsTheRulesItStartedWithWhileAChangeLands() throws IOException {
        List<String> seen = new ArrayList<>();
        hubspot.forBatch(() -> {
            seen.add(statusProperty(hubspot.current()));
            try {
                edit("hubspot.yaml", "referral_status", "referral_state");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            files.reload("hubspot.yaml");
            hubspot.forBatch(() -> seen.add(statusProperty(hubspot.current())));
            seen.add(statusProperty(hubspot.current()));
        });
        seen.add(statusProperty(hubspot.current()));

        assertThat(seen).containsExactly("referral_status", "referral_status", "referral_status", "referral_state");
    }

    @Test
    void aFileTheConfigurationDoesNotReadIsLeftAlone() {
        assertThat(files.reload("notes.yaml").kind()).isEqualTo(MappingChange.Kind.NOT_READ);
    }

    @Test
    void whatIsBuiltFromTheRulesIsBuiltAgainOncePerChange() throws IOException {
        AtomicInteger builds = new AtomicInteger();
        Supplier<BigDecimal> doubled = rewards.derive(r -> {
            builds.incrementAndGet();
            return r.advocate().amount().multiply(BigDecimal.valueOf(2));
        });
        doubled.get();
        doubled.get();
        edit("program.yaml", "    amount: 50", "    amount: 60");
        files.reload("program.yaml");

        assertThat(doubled.get()).isEqualByComparingTo("120");
        doubled.get();
        assertThat(builds).hasValue(2);
    }

    private static String statusProperty(HubSpotMapping mapping) {
        return mapping.contact().write().get("referral-status");
    }

    private void edit(String file, String from, String to) throws IOException {
        String text = Files.readString(dir.resolve(file));
        assertThat(text).contains(from);
        Files.writeString(dir.resolve(file), text.replace(from, to));
    }
}
