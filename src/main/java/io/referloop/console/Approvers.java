package io.referloop.console;

import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The console users by mailbox, for decisions taken outside the console (in a CRM): the same people, the same
 * roles, and the same name in the approvals, so one person approving in the console and again in the CRM is one
 * approver, not two.
 */
@Component
public class Approvers {

    /**
     * @param name      the console username, recorded as the approver
     * @param mailbox   their email address: a reward paid to it is refused
     * @param mayDecide whether the role is approver or admin (a viewer only reads)
     */
    public record Approver(String name, String mailbox, boolean mayDecide) {
    }

    private final ConsoleProperties console;

    Approvers(ConsoleProperties console) {
        this.console = console;
    }

    /** The console user whose mailbox ({@code email}, or the username when it is an address) this is. */
    public Optional<Approver> byEmail(String email) {
        return console.withMailbox(email)
                .map(u -> new Approver(u.username().strip(), u.mailbox(),
                        u.roles().contains("approver") || u.roles().contains("admin")));
    }
}
