package io.referloop.hubspot;

import io.referloop.demo.FakeHubSpot;
import io.referloop.demo.FakeTremendous;
import io.referloop.reward.ApprovalService;
import io.referloop.reward.Conversion;
import io.referloop.reward.Reward;
import io.referloop.reward.RewardService;
import io.referloop.reward.Rewards;
import io.referloop.support.HubSpotWebhooks;
import io.referloop.support.TestMappings;
import io.referloop.support.TremendousProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.referloop.support.HubSpotWebhooks.batch;
import static io.referloop.support.HubSpotWebhooks.contactCreated;
import static io.referloop.support.Polling.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Approving held rewards from inside HubSpot: an approver sets {@code referral_reward_decision}, HubSpot sends the
 * signed {@code propertyChange} webhook naming the user, and the gift card is ordered at the fake Tremendous, or the
 * record says why not. Every reward is held (review above 40 USD); an advocate's first reward (50 USD) needs one
 * approver, from the second on (70 USD) two.
 * <p>
 * A context of its own: the fake HubSpot and Tremendous, and gift cards ordered as rewards are approved.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HubSpotRewardDecisionTest {

    private static final String TOKEN = "pat-decisions";
    private static final String SECRET = "decisions-secret";
    private static final String TREMENDOUS_KEY = "TEST_decisions";
    private static final String PUBLIC_BASE = "https://referloop.example.com";
    private static final FakeHubSpot hubspot = new FakeHubSpot(TOKEN).start();
    private static final FakeTremendous tremendous = new FakeTremendous(TREMENDOUS_KEY).start();
    private static final String BOB = hubspot.addUser("bob@ops.example");
    private static final String CAROL = hubspot.addUser("carol@ops.example");

    static {
        // the portal's limit, as the connector is told (rate-limit-per-10s below); HubSpot's default is 100
        hubspot.setRateLimitPer10s(1000);
    }
    private static final String DECISION = "referral_reward_decision";
    private static final String RESULT = "referral_reward_decision_result";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:decisions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("referloop.mappings.dir", () -> TestMappings.withProgram(
                "  review-above: 200\n", "  review-above: 40\n  second-approval-above: 60\n",
                "tiers: []", "tiers:\n    - from-converted: 2\n      amount: 70").toString());
        registry.add("referloop.hubspot.base-url", hubspot::baseUrl);
        registry.add("referloop.hubspot.access-token", () -> TOKEN);
        registry.add("referloop.hubspot.client-secret", () -> SECRET);
        registry.add("referloop.hubspot.rate-limit-per-10s", () -> "1000");
        registry.add("referloop.public-base-url", () -> PUBLIC_BASE);
        TremendousProperties.register(registry, tremendous, TREMENDOUS_KEY);
        registry.add("referloop.inbox.poll-interval-ms", () -> "50");
        registry.add("referloop.hubspot.writeback-interval-ms", () -> "50");
        registry.add("referloop.rewards.issue-interval-ms", () -> "100");
        registry.add("referloop.console.users[0].username", () -> "bob");
        registry.add("referloop.console.users[0].email", () -> "bob@ops.example");
        registry.add("referloop.console.users[0].password", () -> "{noop}bob-pass");
        registry.add("referloop.console.users[0].roles[0]", () -> "approver");
        registry.add("referloop.console.users[1].username", () -> "carol@ops.example");
        registry.add("referloop.console.users[1].password", () -> "{noop}carol-pass");
        registry.add("referloop.console.users[1].roles[0]", () -> "admin");
    }

    @LocalServerPort
    int port;
    @Autowired
    RewardService rewardService;
    @Autowired
    ApprovalService approvals;
    @Autowired
    Rewards rewards;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aKnownApproversApproveOrdersTheGiftCardBelowTheSecondApprovalThreshold() {
        String friend = heldFriendOf(advocate());
        Reward held = rewardOf(friend);
        assertThat(held.amount()).isEqualByComparingTo("50");
        int ordersBefore = tremendous.orderCount();

        decide(friend, "approve", BOB);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hubspot.contact(friend))
                .containsEntry("referral_status", "rewarded")
                .containsEntry(RESULT, "Approved by bob@ops.example: the gift card is being ordered.")
                .doesNotContainKey(DECISION));
        assertThat(tremendous.orderCount()).isEqualTo(ordersBefore + 1);
        assertThat(decisionReasons(held)).anySatisfy(r -> assertThat(r).contains("decided in HubSpot by bob@ops.example"));
    }

    @Test
    void aboveTheThresholdTheFirstApprovalWaitsForASecondDifferentApprover() {
        String advocate = advocate();
        approvals.approve(rewardOf(heldFriendOf(advocate)).id(), "carol@ops.example", "carol@ops.example", "first checked");
        String friend = heldFriendOf(advocate);
        Reward held = rewardOf(friend);
        assertThat(held.amount()).isEqualByComparingTo("70");

        decide(friend, "approve", BOB);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hubspot.contact(friend)).containsEntry(RESULT,
                "Approval 1 of 2 by bob@ops.example recorded: a second, different approver must approve."));
        assertThat(status(held)).isEqualTo(Reward.Status.HELD);

        decide(friend, "approve", BOB);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hubspot.contact(friend).get(RESULT))
                .startsWith("Refused: you approved reward " + held.id() + " already"));
        assertThat(status(held)).isEqualTo(Reward.Status.HELD);
        int ordersBefore = tremendous.orderCount();

        decide(friend, "approve", CAROL);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hubspot.contact(friend))
                .containsEntry("referral_status", "rewarded")
                .containsEntry(RESULT, "Approved by carol@ops.example: the gift card is being ordered."));
        assertThat(tremendous.orderCount()).isEqualTo(ordersBefore + 1);
    }

    @Test
    void theSamePersonInTheConsoleAndInHubSpotIsOneApprover() {
        String advocate = advocate();
        approvals.approve(rewardOf(heldFriendOf(advocate)).id(), "carol@ops.example", "carol@ops.example", "first checked");
        String friend = heldFriendOf(advocate);
        Reward held = rewardOf(friend);
        // signed in to the console with OpenID Connect, bob's name there is his email, not his username
        approvals.approve(held.id(), "bob@ops.example", "bob@ops.example", "checked in the console");

        decide(friend, "approve", BOB);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hubspot.contact(friend).get(RESULT))
                .isEqualTo("Refused: you approved reward " + held.id() + " already; it needs a second, different approver."
                        + " Nothing was changed."));
        assertThat(status(held)).isEqualTo(Reward.Status.HELD);
    }

    @Test
    void aDecisionByAUserHubSpotDoesNotKnowIsRefusedAndTheRecordSaysWhy() {
        String friend = heldFriendOf(advocate());
        Reward held = rewardOf(friend);

        decide(friend, "approve", "424242");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hubspot.contact(friend))
                .containsEntry(RESULT, "Refused: HubSpot user 424242 was not found. Nothing was changed.")
                .doesNotContainKey(DECISION));
        assertThat(status(held)).isEqualTo(Reward.Status.HELD);
        assertThat(approvals.approvalsOf(held.id())).isEmpty();
    }

    @Test
    void aRejectOnTheWonDealRejectsTheReward() {
        String advocateCode = hubspot.contact(advocate()).get("referral_code");
        String friendEmail = "cfo@initech-" + UUID.randomUUID().toString().substring(0, 8) + ".io";
        String friend = hubspot.createContact(Map.of("email", friendEmail, "referral_code", advocateCode));
        hooks().send(batch(contactCreated(friend)));
        await().atMost(Duration.ofSeconds(20)).until(() -> "attributed".equals(hubspot.contact(friend).get("referral_status")));
        String deal = hubspot.createDeal(Map.of("dealname", "Initech", "amount", "24000", "dealstage", "closedwon",
                "pipeline", "default"));
        rewardService.onConversion(new Conversion(Conversion.Kind.DEAL_WON, "hubspot", deal, null, friendEmail, null,
                null, new BigDecimal("24000"), null, Instant.now(), "hubspot", deal));
        await().atMost(Duration.ofSeconds(20)).until(() -> "held".equals(hubspot.deal(deal).get("referral_reward_status")));
        int ordersBefore = tremendous.orderCount();

        hubspot.updateDeal(deal, Map.of(DECISION, "reject"));
        hooks().send(batch(HubSpotWebhooks.propertyChangedByUser("deal.propertyChange", deal, DECISION, "reject", BOB)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hubspot.deal(deal))
                .containsEntry("referral_reward_status", "rejected")
                .containsEntry(RESULT, "Rejected by bob@ops.example.")
                .doesNotContainKey(DECISION));
        assertThat(status(rewardOf(friend))).isEqualTo(Reward.Status.REJECTED);
        assertThat(tremendous.orderCount()).isEqualTo(ordersBefore);
    }

    /** As the approver in HubSpot: the property set on the record, and HubSpot's webhook naming the user. */
    private void decide(String contact, String decision, String userId) {
        hubspot.updateContact(contact, Map.of(DECISION, decision));
        assertThat(hooks().send(batch(HubSpotWebhooks.propertyChangedByUser("contact.propertyChange", contact, DECISION,
                decision, userId)))).isEqualTo(204);
    }

    private String advocate() {
        String email = "adv-" + UUID.randomUUID().toString().substring(0, 8) + "@contoso.io";
        String id = hubspot.createContact(Map.of("email", email, "firstname", "Ada", "lastname", "Lovelace", "nps_score", "10"));
        hooks().send(batch(contactCreated(id)));
        await().atMost(Duration.ofSeconds(20)).until(() -> hubspot.contact(id).get("referral_code") != null);
        return id;
    }

    /** A referred contact whose first payment came: its reward is held for review. */
    private String heldFriendOf(String advocate) {
        String email = "friend@fabrikam-" + UUID.randomUUID().toString().substring(0, 8) + ".io";
        String friend = hubspot.createContact(Map.of("email", email, "referral_code", hubspot.contact(advocate).get("referral_code")));
        hooks().send(batch(contactCreated(friend)));
        await().atMost(Duration.ofSeconds(20)).until(() -> "attributed".equals(hubspot.contact(friend).get("referral_status")));
        String invoice = "in_" + UUID.randomUUID();
        rewardService.onConversion(new Conversion(Conversion.Kind.FIRST_PAYMENT, "stripe", invoice, "ch_" + invoice, email,
                null, null, new BigDecimal("49.00"), "USD", Instant.now(), null, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> "held".equals(hubspot.contact(friend).get("referral_status")));
        return friend;
    }

    private Reward rewardOf(String contact) {
        long id = jdbc.sql("SELECT r.id FROM reward r JOIN referral f ON f.id = r.referral_id WHERE f.crm_contact_id = ?")
                .param(contact).query(Long.class).single();
        return rewards.byId(id).orElseThrow();
    }

    private Reward.Status status(Reward reward) {
        return rewards.byId(reward.id()).orElseThrow().status();
    }

    private java.util.List<String> decisionReasons(Reward reward) {
        return jdbc.sql("SELECT inputs FROM decision_log WHERE subject = ?").param("reward:" + reward.id())
                .query(String.class).list();
    }

    private HubSpotWebhooks hooks() {
        return new HubSpotWebhooks("http://localhost:" + port, PUBLIC_BASE, SECRET);
    }
}
