package io.referloop.hubspot;

import io.referloop.console.Approvers;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may decide a reward from HubSpot: the console's approvers and admins, found by their HubSpot user's email. */
class HubSpotApproverTest {

    private static final Map<String, Approvers.Approver> CONSOLE = Map.of(
            "bob@ops.example", new Approvers.Approver("bob", "bob@ops.example", true),
            "vic@ops.example", new Approvers.Approver("vic", "vic@ops.example", false));

    @Test
    void anApproverOfTheConsoleDecidesUnderTheirConsoleName() {
        HubSpotApprover who = HubSpotApprover.of("42", Optional.of("bob@ops.example"), this::console);

        assertThat(who.refusal()).isNull();
        assertThat(who.approver().name()).isEqualTo("bob");
        assertThat(who.email()).isEqualTo("bob@ops.example");
    }

    @Test
    void aUserHubSpotDoesNotKnowIsRefused() {
        assertThat(HubSpotApprover.of("42", Optional.empty(), this::console).refusal())
                .isEqualTo("HubSpot user 42 was not found");
    }

    @Test
    void someoneWhoIsNoConsoleUserIsRefused() {
        assertThat(HubSpotApprover.of("42", Optional.of("eve@elsewhere.example"), this::console).refusal())
                .isEqualTo("eve@elsewhere.example is not a Referloop approver (no console user with this email)");
    }

    @Test
    void aViewerIsRefused() {
        assertThat(HubSpotApprover.of("42", Optional.of("vic@ops.example"), this::console).refusal())
                .isEqualTo("vic@ops.example may view rewards but not decide them (an approver or admin must)");
    }

    private Optional<Approvers.Approver> console(String email) {
        return Optional.ofNullable(CONSOLE.get(email));
    }
}
