package io.referloop.privacy;

import java.util.Map;

/**
 * What {@code DELETE /api/people/{email}} changed: rows per table (zeros when nothing was left to erase), and the
 * rewards to the person that were canceled because no gift card can reach an erased address.
 */
public record ErasureReport(String pseudonym, Map<String, Integer> erased, int rewardsCanceled) {

    public boolean nothingErased() {
        return rewardsCanceled == 0 && erased.values().stream().allMatch(n -> n == 0);
    }
}
