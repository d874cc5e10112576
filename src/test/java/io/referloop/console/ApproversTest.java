package io.referloop.console;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Console users found by mailbox, for decisions taken in a CRM. */
class ApproversTest {

    private final Approvers approvers = new Approvers(new ConsoleProperties(List.of(
            new ConsoleProperties.User("ada@ops.example", "{noop}a", List.of("admin"), null),
            new ConsoleProperties.User("carol", "{noop}c", List.of("approver"), "carol@ops.example"),
            new ConsoleProperties.User("vic", "{noop}v", List.of("viewer"), "vic@ops.example"))));

    @Test
    void aUserIsFoundByTheirEmailInAnyCaseUnderTheirConsoleName() {
        assertThat(approvers.byEmail("Carol@OPS.example")).hasValueSatisfying(a -> {
            assertThat(a.name()).isEqualTo("carol");
            assertThat(a.mailbox()).isEqualTo("carol@ops.example");
            assertThat(a.mayDecide()).isTrue();
        });
    }

    @Test
    void aUsernameThatIsAnAddressIsTheMailbox() {
        assertThat(approvers.byEmail("ada@ops.example")).hasValueSatisfying(a -> assertThat(a.mayDecide()).isTrue());
    }

    @Test
    void aViewerIsFoundButMayNotDecide() {
        assertThat(approvers.byEmail("vic@ops.example")).hasValueSatisfying(a -> assertThat(a.mayDecide()).isFalse());
    }

    @Test
    void anUnknownOrEmptyEmailIsNobody() {
        assertThat(approvers.byEmail("eve@elsewhere.example")).isEmpty();
        assertThat(approvers.byEmail(" ")).isEmpty();
    }
}
