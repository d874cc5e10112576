package io.referloop.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.referloop.referral.Advocate;
import io.referloop.reward.ApprovalService;
import io.referloop.reward.Reward;
import io.referloop.reward.Rewards;
import io.referloop.support.PaidReferrals;
import io.referloop.support.Programme;
import io.referloop.support.SharedContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.referloop.support.PaidReferrals.friend;
import static io.referloop.support.SharedContextProperties.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/rewards/{id}/approve} under the programme's two-approver rule: every reward is held (review
 * above 40 USD), the first is 50 USD and needs one approver, from the second on 70 USD needs two (above 60 USD).
 * No gift-card provider is configured, so an approved reward stays ISSUING for the test to see.
 */
@SharedContext
@Programme({
        "  review-above: 200\n", "  review-above: 40\n  second-approval-above: 60\n",
        "tiers: []", "tiers:\n    - from-converted: 2\n      amount: 70"})
class RewardApprovalApiTest {

    @LocalServerPort
    int port;
    @Autowired
    PaidReferrals paid;
    @Autowired
    Rewards rewardRows;
    @Autowired
    ApprovalService approvals;
    @Autowired
    ObjectMapper json;

    @Test
    void belowTheSecondApprovalThresholdOneBearerApprovalOrdersTheReward() throws Exception {
        Reward held = paid.convert(paid.advocate(), friend());
        assertThat(held.amount()).isEqualByComparingTo("50");

        HttpResponse<String> answer = approve(held.id(), "");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json.readTree(answer.body()).path("status").asText()).isEqualTo("ISSUING");
        assertThat(status(held)).isEqualTo(Reward.Status.ISSUING);
    }

    @Test
    void aboveTheThresholdTheBearerApprovalIsOneApproverAndTheRewardStaysHeld() throws Exception {
        Reward held = secondRewardOf(paid.advocate());

        HttpResponse<String> answer = approve(held.id(), "{\"reason\":\"contract signed\"}");

        assertThat(answer.statusCode()).isEqualTo(202);
        JsonNode body = json.readTree(answer.body());
        assertThat(body.path("approvals").asInt()).isEqualTo(1);
        assertThat(body.path("needed").asInt()).isEqualTo(2);
        assertThat(body.path("reward").path("status").asText()).isEqualTo("HELD");
        assertThat(status(held)).isEqualTo(Reward.Status.HELD);
        assertThat(approvals.approvalsOf(held.id())).extracting(a -> a.approver()).containsExactly("admin API");
    }

    @Test
    void theBearerTokenCannotGiveTheSecondApprovalToo() throws Exception {
        Reward held = secondRewardOf(paid.advocate());
        approve(held.id(), "");

        HttpResponse<String> again = approve(held.id(), "");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("second, different approver");
        assertThat(status(held)).isEqualTo(Reward.Status.HELD);
    }

    @Test
    void aDifferentApproverAfterTheBearerApprovalOrdersTheReward() throws Exception {
        Reward held = secondRewardOf(paid.advocate());
        approve(held.id(), "");

        ApprovalService.Outcome second = approvals.approve(held.id(), "carol", "carol@ops.example", "checked the deal");

        assertThat(second.issued()).isTrue();
        assertThat(status(held)).isEqualTo(Reward.Status.ISSUING);
    }

    @Test
    void aRejectionThroughTheApiIsRecordedForTheAdminApiWithItsReason() throws Exception {
        Reward held = secondRewardOf(paid.advocate());

        HttpResponse<String> answer = post("/reject", held.id(), "{\"reason\":\"the friend is a reseller\"}");

        assertThat(answer.statusCode()).isEqualTo(200);
        Reward rejected = rewardRows.byId(held.id()).orElseThrow();
        assertThat(rejected.status()).isEqualTo(Reward.Status.REJECTED);
        assertThat(rejected.reason()).isEqualTo("rejected by admin API: the friend is a reseller");
    }

    @Test
    void aRejectionThroughTheApiWithoutABodySaysNoReasonWasGiven() throws Exception {
        Reward held = secondRewardOf(paid.advocate());

        HttpResponse<String> answer = post("/reject", held.id(), "");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(rewardRows.byId(held.id()).orElseThrow().reason()).isEqualTo("rejected by admin API: no reason given");
    }

    @Test
    void aRewardNoLongerHeldCannotBeRejectedThroughTheApi() throws Exception {
        Reward held = paid.convert(paid.advocate(), friend());
        approve(held.id(), "");

        HttpResponse<String> answer = post("/reject", held.id(), "");

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(status(held)).isEqualTo(Reward.Status.ISSUING);
    }

    private Reward secondRewardOf(Advocate advocate) {
        approvals.approve(paid.convert(advocate, friend()).id(), "carol", "carol@ops.example", "first referral checked");
        Reward held = paid.convert(advocate, friend());
        assertThat(held.amount()).isEqualByComparingTo("70");
        assertThat(held.status()).isEqualTo(Reward.Status.HELD);
        return held;
    }

    private HttpResponse<String> approve(long id, String body) throws Exception {
        return post("/approve", id, body);
    }

    private HttpResponse<String> post(String action, long id, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/api/rewards/" + id + action))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                        .POST(body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Reward.Status status(Reward reward) {
        return rewardRows.byId(reward.id()).orElseThrow().status();
    }
}
