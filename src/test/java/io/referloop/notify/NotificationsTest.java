package io.referloop.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.referloop.referral.Advocate;
import io.referloop.referral.Advocates;
import io.referloop.referral.ContactSnapshot;
import io.referloop.referral.Referral;
import io.referloop.referral.ReferralService;
import io.referloop.reward.ApprovalService;
import io.referloop.reward.Conversion;
import io.referloop.reward.GiftCardReceipt;
import io.referloop.reward.Reward;
import io.referloop.reward.RewardService;
import io.referloop.reward.Rewards;
import io.referloop.support.TestMappings;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.referloop.support.Polling.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole notify loop with fakes: decisions through the services, advocate emails received over real SMTP
 * (GreenMail), Slack alerts and signed webhooks received by WireMock, the one-click unsubscribe through HTTP.
 * <p>
 * A context of its own: SMTP, Slack and the events webhook on, which would mail and post for every other flow.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationsTest {

    private static final int SMTP_PORT = freePort();
    private static final GreenMail SMTP = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private static final WireMockServer FAKES = new WireMockServer(options().dynamicPort());
    private static final String ADMIN_TOKEN = "notify-test-admin-" + UUID.randomUUID();
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(randomKey());

    static {
        SMTP.start();
        FAKES.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:notify-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("referloop.mappings.dir", () -> TestMappings.withProgram("review-above: 200", "review-above: 40").toString());
        registry.add("referloop.rewards.issue-interval-ms", () -> "3600000");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("referloop.notifications.from", () -> "Referrals <referrals@vendor.example>");
        registry.add("referloop.alerts.slack-webhook-url", () -> FAKES.baseUrl() + "/slack");
        registry.add("referloop.events.webhook-url", () -> FAKES.baseUrl() + "/hooks");
        registry.add("referloop.events.webhook-secret", () -> SECRET);
        registry.add("referloop.events.interval", () -> "25ms");
        registry.add("referloop.events.first-retry", () -> "300ms");
        registry.add("referloop.public-base-url", () -> "https://referrals.vendor.example");
        registry.add("referloop.admin.token", () -> ADMIN_TOKEN);
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
        FAKES.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    ReferralService referrals;
    @Autowired
    RewardService rewards;
    @Autowired
    ApprovalService approvals;
    @Autowired
    Rewards rewardRows;
    @Autowired
    Advocates advocates;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    Reminders reminders;
    @Autowired
    SlackDigest digest;

    @BeforeEach
    void fakes() {
        FAKES.resetAll();
        FAKES.stubFor(post(urlEqualTo("/slack")).willReturn(ok("ok")));
        // the receiver is down for the first delivery it sees, then asks for a second's patience, then takes everything
        FAKES.stubFor(post(urlEqualTo("/hooks")).inScenario("receiver").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("busy"));
        FAKES.stubFor(post(urlEqualTo("/hooks")).inScenario("receiver").whenScenarioStateIs("busy")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("up"));
        FAKES.stubFor(post(urlEqualTo("/hooks")).inScenario("receiver").whenScenarioStateIs("up")
                .willReturn(ok()));
    }

    @Test
    void theAdvocateHearsOfEnrolmentReferralAndHeldRewardAdminsAndWebhooksToo() throws Exception {
        String domain = "advocate-" + UUID.randomUUID() + ".io";
        String advocateEmail = "ada@" + domain;
        Advocate advocate = enrol(advocateEmail, "Ada");

        MimeMessage welcome = awaitMail(advocateEmail, 1).get(0);
        assertThat(welcome.getSubject()).isEqualTo("Your referral link is ready");
        assertThat(welcome.getFrom()[0].toString()).contains("referrals@vendor.example");
        String body = GreenMailUtil.getBody(welcome);
        assertThat(body).contains(advocate.code(), "https://referrals.vendor.example/r/" + advocate.code(), "Hi Ada");
        assertThat(welcome.getContentType()).startsWith("multipart/alternative");
        assertThat(body).contains("text/plain", "text/html");
        String unsubscribe = welcome.getHeader("List-Unsubscribe")[0];
        assertThat(unsubscribe).matches("<https://referrals\\.vendor\\.example/unsubscribe/[A-Za-z0-9_-]{43}>");
        assertThat(welcome.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");

        String friendEmail = "grace.hopper@friend-" + UUID.randomUUID() + ".io";
        contact(friendEmail, Map.of(ContactSnapshot.REFERRAL_CODE, advocate.code(), ContactSnapshot.FIRST_NAME, "Grace"));
        MimeMessage signedUp = awaitMail(advocateEmail, 2).get(1);
        assertThat(signedUp.getSubject()).isEqualTo("Someone you referred signed up");
        assertThat(GreenMailUtil.getBody(signedUp)).doesNotContain(friendEmail).doesNotContain("hopper");

        rewards.onConversion(payment(friendEmail));
        Reward held = advocateReward(friendEmail);
        assertThat(held.status()).isEqualTo(Reward.Status.HELD);
        MimeMessage review = awaitMail(advocateEmail, 3).get(2);
        assertThat(review.getSubject()).isEqualTo("Your reward is being reviewed");
        assertThat(GreenMailUtil.getBody(review)).contains("50.00 USD", held.reason());

        await().atMost(Duration.ofSeconds(15)).until(() -> FAKES.findAll(postRequestedFor(urlEqualTo("/slack"))).stream()
                .anyMatch(r -> r.getBodyAsString().contains(advocateEmail)));
        JsonNode alert = json.readTree(FAKES.findAll(postRequestedFor(urlEqualTo("/slack"))).stream()
                .map(LoggedRequest::getBodyAsString).filter(b -> b.contains(advocateEmail)).findFirst().orElseThrow());
        assertThat(alert.path("text").asText()).contains("Reward held", "50.00 USD", advocateEmail, held.reason(),
                "https://referrals.vendor.example/console/review/" + held.id());

        // signed webhooks: every event, in order for the advocate, the 503 retried with the same webhook-id
        await().atMost(Duration.ofSeconds(20)).until(() -> typesDelivered(advocateEmail).contains("reward.held"));
        List<LoggedRequest> hooks = FAKES.findAll(postRequestedFor(urlEqualTo("/hooks")));
        // the event that met the 503 is sent again, same webhook-id and body, until the receiver takes it
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var attempts = FAKES.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals("/hooks"))
                    .sorted(java.util.Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                    .collect(java.util.stream.Collectors.groupingBy(e -> e.getRequest().getHeader("webhook-id"),
                            java.util.LinkedHashMap::new, java.util.stream.Collectors.toList()));
            var after503 = attempts.values().stream().filter(a -> a.get(0).getResponse().getStatus() == 503)
                    .findFirst().orElseThrow();
            assertThat(after503.get(0).getRequest().getHeader("webhook-id")).startsWith("evt_");
            assertThat(after503.get(after503.size() - 1).getResponse().getStatus()).isEqualTo(200);
            assertThat(after503).extracting(e -> e.getRequest().getBodyAsString())
                    .containsOnly(after503.get(0).getRequest().getBodyAsString());
        });
        // the one that met the 429 (Retry-After: 1) waited at least that second
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            var byId = FAKES.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals("/hooks"))
                    .sorted(java.util.Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                    .collect(java.util.stream.Collectors.groupingBy(e -> e.getRequest().getHeader("webhook-id"),
                            java.util.LinkedHashMap::new, java.util.stream.Collectors.toList()));
            var after429 = byId.values().stream()
                    .filter(a -> a.stream().anyMatch(e -> e.getResponse().getStatus() == 429)).findFirst().orElseThrow();
            int busy = 0;
            while (after429.get(busy).getResponse().getStatus() != 429) {
                busy++;
            }
            assertThat(after429.size()).isGreaterThan(busy + 1);
            assertThat(Duration.between(after429.get(busy).getRequest().getLoggedDate().toInstant(),
                    after429.get(busy + 1).getRequest().getLoggedDate().toInstant()))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        });
        for (LoggedRequest hook : hooks) {
            String id = hook.getHeader("webhook-id");
            long timestamp = Long.parseLong(hook.getHeader("webhook-timestamp"));
            assertThat(timestamp).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
            assertThat(hook.getHeader("webhook-signature"))
                    .isEqualTo(new WebhookSignature(SECRET).sign(id, timestamp, hook.getBodyAsString()));
            JsonNode event = json.readTree(hook.getBodyAsString());
            assertThat(event.path("id").asText()).isEqualTo(id);
            assertThat(event.has("timestamp") && event.has("data")).isTrue();
            assertThat(hook.getBodyAsString()).doesNotContain(SECRET.substring(6)).doesNotContain("idempotency");
        }
        assertThat(typesDelivered(advocateEmail)).containsExactly("advocate.enrolled", "referral.attributed", "reward.held");
    }

    @Test
    void oneClickUnsubscribeStopsAllMailAndTellsTheCrm() throws Exception {
        String advocateEmail = "alan@advocate-" + UUID.randomUUID() + ".io";
        Advocate advocate = enrol(advocateEmail, "Alan");
        MimeMessage welcome = awaitMail(advocateEmail, 1).get(0);
        String url = welcome.getHeader("List-Unsubscribe")[0].replaceAll("[<>]", "");
        String path = URI.create(url).getPath();

        HttpResponse<String> guessed = postForm("/unsubscribe/" + "A".repeat(43));
        assertThat(guessed.statusCode()).isEqualTo(404);
        HttpResponse<String> response = postForm(path);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT properties FROM crm_write WHERE crm = 'hubspot' AND object_id = ?")
                .param(advocate.crmContactId()).query(String.class).list())
                .anySatisfy(p -> assertThat(p).contains("\"referral_email_opt_out\":\"true\""));

        String friendEmail = "kurt@friend-" + UUID.randomUUID() + ".io";
        contact(friendEmail, Map.of(ContactSnapshot.REFERRAL_CODE, advocate.code()));
        rewards.onConversion(payment(friendEmail));
        Reward held = advocateReward(friendEmail);
        approvals.approve(held.id(), "reviewer", null, "checked the contract");
        rewards.recordIssued(held.id(), "tremendous", new GiftCardReceipt("ORD-" + held.id(), "EXECUTED", false));

        // the events went through the mail route (and the webhook), yet no email followed the opt-out
        await().atMost(Duration.ofSeconds(15)).until(() -> routesDone(advocate.id(), "reward.issued"));
        assertThat(routesDone(advocate.id(), "referral.attributed")).isTrue();
        assertThat(mailsTo(advocateEmail)).hasSize(1);
    }

    @Test
    void aFailedRewardAlertsAdminsAndAnEventNoRouteWantsIsSkipped() throws Exception {
        String domain = "advocate-" + UUID.randomUUID() + ".io";
        Advocate advocate = enrol("edsger@" + domain, "Edsger");
        // a colleague of the advocate is no referral: referral.rejected, which no shipped route consumes
        contact("barbara@" + domain, Map.of(ContactSnapshot.REFERRAL_CODE, advocate.code()));
        String friendEmail = "donald@friend-" + UUID.randomUUID() + ".io";
        contact(friendEmail, Map.of(ContactSnapshot.REFERRAL_CODE, advocate.code()));
        rewards.onConversion(payment(friendEmail));
        Reward held = advocateReward(friendEmail);
        approvals.approve(held.id(), "reviewer", null, "checked the contract");
        rewards.recordFailure(held.id(), "tremendous", "card catalog unavailable", Instant.now(), true);

        await().atMost(Duration.ofSeconds(15)).until(() -> FAKES.findAll(postRequestedFor(urlEqualTo("/slack"))).stream()
                .anyMatch(r -> r.getBodyAsString().contains("Reward failed")));
        String failed = FAKES.findAll(postRequestedFor(urlEqualTo("/slack"))).stream().map(LoggedRequest::getBodyAsString)
                .filter(b -> b.contains("Reward failed")).findFirst().orElseThrow();
        assertThat(failed).contains("50.00 USD", "edsger@" + domain, "card catalog unavailable", "/console/review/" + held.id());
        await().atMost(Duration.ofSeconds(15)).until(() -> "SKIPPED".equals(status(advocate.id(), "referral.rejected")));

        // the state of every delivery is visible to admins
        HttpResponse<String> events = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/events?limit=500"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(events.statusCode()).isEqualTo(200);
        JsonNode answer = json.readTree(events.body());
        assertThat(answer.at("/counts/routes/skipped").asLong()).isPositive();
        assertThat(answer.path("latest")).anySatisfy(e -> {
            assertThat(e.path("event_type").asText()).isEqualTo("referral.rejected");
            assertThat(e.path("status").asText()).isEqualTo("SKIPPED");
            assertThat(e.path("last_error").asText()).contains("no route consumes direct:referloop.referral.rejected");
        });
        assertThat(events.body()).doesNotContain(SECRET.substring(6));
    }

    @Test
    void anIdleAdvocateIsRemindedByMailAndInTheCrmButNotTwiceInARow() throws Exception {
        String advocateEmail = "barbara@advocate-" + UUID.randomUUID() + ".io";
        Advocate advocate = enrol(advocateEmail, "Barbara");
        awaitMail(advocateEmail, 1);
        jdbc.sql("UPDATE advocate SET created_at = ? WHERE id = ?")
                .params(java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(31))), advocate.id()).update();

        assertThat(reminders.run()).isPositive();
        reminders.run();

        MimeMessage reminder = awaitMail(advocateEmail, 2).get(1);
        assertThat(reminder.getSubject()).isEqualTo("Know someone who would like us?");
        assertThat(GreenMailUtil.getBody(reminder)).contains(advocate.code());
        assertThat(reminder.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM event_outbox WHERE advocate_id = ? AND event_type = 'advocate.reminder-due'")
                .param(advocate.id()).query(Long.class).single()).isEqualTo(1L);
        assertThat(jdbc.sql("SELECT properties FROM crm_write WHERE crm = 'hubspot' AND object_id = ?")
                .param(advocate.crmContactId()).query(String.class).list())
                .anySatisfy(p -> assertThat(p).contains("\"referral_reminder_due\":\"true\""));
    }

    @Test
    void anAdminsRejectionReachesTheAdvocateWithItsReasonAndASentRewardIsAnnounced() throws Exception {
        String advocateEmail = "margaret@advocate-" + UUID.randomUUID() + ".io";
        Advocate advocate = enrol(advocateEmail, "Margaret");
        String first = "linus@friend-" + UUID.randomUUID() + ".io";
        String second = "guido@friend-" + UUID.randomUUID() + ".io";
        contact(first, Map.of(ContactSnapshot.REFERRAL_CODE, advocate.code()));
        contact(second, Map.of(ContactSnapshot.REFERRAL_CODE, advocate.code()));
        rewards.onConversion(payment(first));
        rewards.onConversion(payment(second));
        Reward rejected = advocateReward(first);
        Reward approved = advocateReward(second);

        assertThat(admin("/api/rewards/" + rejected.id() + "/reject", "{\"reason\":\"the friend is a reseller\"}")
                .statusCode()).isEqualTo(200);
        assertThat(admin("/api/rewards/" + approved.id() + "/approve", "").statusCode()).isEqualTo(200);
        rewards.recordIssued(approved.id(), "tremendous", new GiftCardReceipt("ORD-" + approved.id(), "EXECUTED", false));

        // enrolled, 2 referrals, 2 held, rejected, sent
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(advocateEmail).size() >= 7);
        MimeMessage no = mailsTo(advocateEmail).stream().filter(m -> subject(m).equals("About your referral reward"))
                .findFirst().orElseThrow();
        assertThat(GreenMailUtil.getBody(no)).contains("the friend is a reseller", "50.00 USD");
        MimeMessage sent = mailsTo(advocateEmail).stream().filter(m -> subject(m).equals("Your gift card is on its way"))
                .findFirst().orElseThrow();
        assertThat(GreenMailUtil.getBody(sent)).contains("50.00 USD", "Hi Margaret");
        assertThat(mailsTo(advocateEmail)).hasSize(7);
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> admin(String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                        .POST(body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDailyDigestCountsTheReviewQueue() throws Exception {
        Advocate advocate = enrol("ole@advocate-" + UUID.randomUUID() + ".io", "Ole");
        String friendEmail = "kristen@friend-" + UUID.randomUUID() + ".io";
        contact(friendEmail, Map.of(ContactSnapshot.REFERRAL_CODE, advocate.code()));
        rewards.onConversion(payment(friendEmail));
        long held = rewardRows.withStatus(Reward.Status.HELD).size();

        digest.send();

        String text = json.readTree(FAKES.findAll(postRequestedFor(urlEqualTo("/slack"))).stream()
                .map(LoggedRequest::getBodyAsString).filter(b -> b.contains("daily digest")).findFirst().orElseThrow())
                .path("text").asText();
        assertThat(text).contains("Review queue: " + held + (held == 1 ? " reward held" : " rewards held"), "oldest: 50.00 USD",
                "https://referrals.vendor.example/console/review/", "Rewards sent in the last 24 h:");
    }

    private Advocate enrol(String email, String firstName) {
        contact(email, Map.of("nps-score", "10", ContactSnapshot.FIRST_NAME, firstName,
                ContactSnapshot.LAST_NAME, "Test"));
        return advocates.byEmail(email).orElseThrow();
    }

    private void contact(String email, Map<String, String> fields) {
        Map<String, String> all = new HashMap<>(fields);
        all.put(ContactSnapshot.EMAIL, email);
        referrals.onContact(new ContactSnapshot("hubspot", UUID.randomUUID().toString(), all, Instant.now()));
    }

    private Reward advocateReward(String friendEmail) {
        Referral referral = referrals.referralOfCustomer("test", friendEmail, null, null).orElseThrow();
        return rewardRows.forReferral(referral.id()).stream()
                .filter(r -> r.beneficiary() == Reward.Beneficiary.advocate).findFirst().orElseThrow();
    }

    private static Conversion payment(String email) {
        String invoice = "in_" + UUID.randomUUID();
        return new Conversion(Conversion.Kind.FIRST_PAYMENT, "stripe", invoice, "ch_" + invoice, email, null, null,
                new BigDecimal("99.00"), "USD", Instant.now(), null, null, null, null);
    }

    private List<MimeMessage> awaitMail(String to, int count) {
        await().atMost(Duration.ofSeconds(15)).until(() -> mailsTo(to).size() >= count);
        return mailsTo(to);
    }

    private static List<MimeMessage> mailsTo(String to) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(to);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    /** Event types the receiver took (2xx) for this advocate, in the order it took them. */
    private List<String> typesDelivered(String advocateEmail) {
        // WireMock lists the requests it received newest first; its logged dates are whole milliseconds, so two
        // deliveries in the same millisecond could not be put in order by them
        List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> received = new java.util.ArrayList<>(FAKES.getAllServeEvents());
        java.util.Collections.reverse(received);
        return received.stream()
                .filter(e -> e.getRequest().getUrl().equals("/hooks") && e.getResponse().getStatus() == 200)
                .map(e -> e.getRequest().getBodyAsString())
                .filter(b -> b.contains(advocateEmail))
                .map(b -> {
                    try {
                        return json.readTree(b).path("type").asText();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    private boolean routesDone(long advocateId, String type) {
        return "DELIVERED".equals(status(advocateId, type));
    }

    private String status(long advocateId, String type) {
        return jdbc.sql("SELECT status FROM event_outbox WHERE advocate_id = ? AND event_type = ?")
                .params(advocateId, type).query(String.class).optional().orElse(null);
    }

    private HttpResponse<String> postForm(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] randomKey() {
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
