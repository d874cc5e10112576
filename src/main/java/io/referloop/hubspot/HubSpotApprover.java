package io.referloop.hubspot;

import io.referloop.console.Approvers;

import java.util.Optional;
import java.util.function.Function;

/**
 * The console user behind a HubSpot user, by email, or why that HubSpot user may not decide rewards. The console's
 * rules apply as they are: only the approver and admin roles decide.
 */
record HubSpotApprover(Approvers.Approver approver, String email, String refusal) {

    /**
     * @param email     the HubSpot user's email, empty when HubSpot has no such user
     * @param approvers console users by mailbox
     */
    static HubSpotApprover of(String userId, Optional<String> email,
                              Function<String, Optional<Approvers.Approver>> approvers) {
        if (email.isEmpty()) {
            return refused(null, "HubSpot user " + userId + " was not found");
        }
        String mailbox = email.get();
        Optional<Approvers.Approver> approver = approvers.apply(mailbox);
        if (approver.isEmpty()) {
            return refused(mailbox, mailbox + " is not a Referloop approver (no console user with this email)");
        }
        if (!approver.get().mayDecide()) {
            return refused(mailbox, mailbox + " may view rewards but not decide them (an approver or admin must)");
        }
        return new HubSpotApprover(approver.get(), mailbox, null);
    }

    private static HubSpotApprover refused(String email, String why) {
        return new HubSpotApprover(null, email, why);
    }
}
