package io.referloop.console;

import io.referloop.demo.FakeHubSpot;
import io.referloop.demo.FakeTremendous;
import io.referloop.referral.DecisionLog;
import io.referloop.reward.ApprovalService;
import io.referloop.reward.Reward;
import io.referloop.reward.Rewards;
import io.referloop.support.ShippedRoutes;
import io.referloop.support.TestMappings;
import io.referloop.support.TremendousProperties;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console in a real browser: Debian's chromium driven headless by chromedriver (never a downloaded browser).
 * One Spring context and one browser for every test; each user signs in through the login form once and later tests
 * reuse that session. Without chromium the browser tests skip locally; on CI (CI=true) they fail.
 * Screenshots go to target/screenshots/ (the README shows copies in docs/).
 * <p>
 * A context of its own: console users of every role, an OpenID provider, the fake HubSpot and Tremendous.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String TOKEN = "pat-console";
    static final String TREMENDOUS_KEY = "TEST_console";
    static final String ADMIN_TOKEN = "console-test-admin-token";
    static final FakeHubSpot hubspot = new FakeHubSpot(TOKEN).start();
    static final FakeTremendous tremendous = new FakeTremendous(TREMENDOUS_KEY).start();
    static final Path SHOTS = Path.of("target/screenshots");
    /** The routes the connector loads: not routes/ of the working directory, so the Settings page must say where. */
    static final Path ROUTES = copyOfTheShippedRoutes();

    static ChromeDriverService service;
    static CompletableFuture<WebDriver> starting;
    static WebDriver driver;
    static Path profile;
    /** Console sessions by user name, signed in once through the form and reused by later tests. */
    static final Map<String, Cookie> sessions = new HashMap<>();
    static final Dimension WINDOW = new Dimension(1280, 900);
    static boolean resized;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:console-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("referloop.mappings.dir", () -> TestMappings.withProgram(
                "  review-above: 200\n", "  review-above: 200\n  second-approval-above: 500\n").toString());
        registry.add("referloop.admin.token", () -> ADMIN_TOKEN);
        registry.add("camel.main.routes-include-pattern", () -> ShippedRoutes.includePattern(ROUTES));
        registry.add("referloop.public-base-url", () -> "https://referloop.example.com");
        registry.add("referloop.hubspot.base-url", hubspot::baseUrl);
        registry.add("referloop.hubspot.access-token", () -> TOKEN);
        registry.add("referloop.hubspot.client-secret", () -> "console-secret");
        registry.add("referloop.hubspot.rate-limit-per-10s", () -> "1000");
        registry.add("referloop.hubspot.writeback-interval-ms", () -> "50");
        TremendousProperties.register(registry, tremendous, TREMENDOUS_KEY);
        registry.add("referloop.rewards.issue-interval-ms", () -> "100");
        registry.add("referloop.console.users[0].username", () -> "ada@ops.example");
        registry.add("referloop.console.users[0].password", () -> "{noop}ada-pass");
        registry.add("referloop.console.users[0].roles[0]", () -> "admin");
        registry.add("referloop.console.users[1].username", () -> "bob@ops.example");
        registry.add("referloop.console.users[1].password", () -> "{noop}bob-pass");
        registry.add("referloop.console.users[1].roles[0]", () -> "approver");
        registry.add("referloop.console.users[2].username", () -> "carol");
        registry.add("referloop.console.users[2].email", () -> "carol@ops.example");
        registry.add("referloop.console.users[2].password", () -> "{bcrypt}" + new BCryptPasswordEncoder().encode("carol-pass"));
        registry.add("referloop.console.users[2].roles[0]", () -> "approver");
        registry.add("referloop.console.users[3].username", () -> "vic");
        registry.add("referloop.console.users[3].password", () -> "{noop}vic-pass");
        registry.add("referloop.console.users[3].roles[0]", () -> "viewer");
        String idp = "spring.security.oauth2.client.";
        registry.add(idp + "registration.test-idp.client-id", () -> "console-client");
        registry.add(idp + "registration.test-idp.client-secret", () -> "console-client-secret");
        registry.add(idp + "registration.test-idp.client-name", () -> "Test IdP");
        registry.add(idp + "registration.test-idp.authorization-grant-type", () -> "authorization_code");
        registry.add(idp + "registration.test-idp.scope", () -> "openid,email");
        registry.add(idp + "registration.test-idp.redirect-uri", () -> "{baseUrl}/login/oauth2/code/{registrationId}");
        registry.add(idp + "provider.test-idp.authorization-uri", () -> "https://idp.example.com/authorize");
        registry.add(idp + "provider.test-idp.token-uri", () -> "https://idp.example.com/token");
        registry.add(idp + "provider.test-idp.jwk-set-uri", () -> "https://idp.example.com/jwks");
        registry.add(idp + "provider.test-idp.user-info-uri", () -> "https://idp.example.com/userinfo");
        registry.add(idp + "provider.test-idp.user-name-attribute", () -> "email");
    }

    @BeforeAll
    static void browser() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing: .ci/run installs chromium and chromium-driver");
            }
            return;
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("referloop-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--disable-extensions",
                "--user-data-dir=" + profile, "--window-size=" + WINDOW.getWidth() + "," + WINDOW.getHeight());
        // the browser's console, to see that the Content-Security-Policy blocked nothing the pages need
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        Files.createDirectories(SHOTS);
        // the browser starts while Spring starts the connector; the first test waits for both
        starting = CompletableFuture.supplyAsync(() -> {
            WebDriver chromium = new ChromeDriver(service, options);
            chromium.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            chromium.manage().window().setSize(WINDOW);
            return chromium;
        }, task -> new Thread(task, "chromium-start").start());
    }

    @AfterAll
    static void closeBrowser() {
        if (driver == null && starting != null) {
            driver = starting.exceptionally(failed -> null).join(); // a browser that did not start failed the tests already
        }
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Rewards rewards;

    @Autowired
    DecisionLog decisions;

    @Autowired
    ApprovalService approvals;

    @BeforeEach
    void freshSession() {
        if (driver == null && starting != null) {
            driver = starting.join();
        }
        if (driver != null) {
            driver.manage().deleteAllCookies();
            if (resized) {
                driver.manage().window().setSize(WINDOW);
                resized = false;
            }
        }
    }

    @Test
    void anAdminSignsInAndReadsTheProgrammeFigures() {
        assumeBrowser();
        heldReward("300", "overview");
        signIn("ada@ops.example", "ada-pass");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Overview");
        long advocates = jdbc.sql("SELECT COUNT(*) FROM advocate").query(Long.class).single();
        long held = jdbc.sql("SELECT COUNT(*) FROM reward WHERE status = 'HELD'").query(Long.class).single();
        assertThat(text("fig-advocates")).isEqualTo(String.valueOf(advocates));
        assertThat(text("queue-size")).isEqualTo(String.valueOf(held));
        assertThat(driver.findElement(By.id("money")).getText()).contains("held");
        String monday = java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)).toString();
        assertThat(driver.findElement(By.id("weeks")).getText()).contains(monday);
        // tall enough to show every chart, down to the weekly trends
        resize(new Dimension(1280, 1500));
        screenshot("console-overview");

        resize(new Dimension(390, 844));
        driver.navigate().refresh();
        assertThat(text("fig-advocates")).isEqualTo(String.valueOf(advocates));
        screenshot("console-overview-phone");
    }

    @Test
    void theOverviewDrawsItsChartsFromTheJarWithoutBreakingTheContentSecurityPolicy() {
        assumeBrowser();
        heldReward("300", "charts");
        signedInAs("ada@ops.example", "ada-pass");
        browserLog();
        driver.get(base() + "/console");
        for (String chart : java.util.List.of("chart-weeks", "chart-funnel", "chart-money")) {
            waiting().until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                    .executeScript("return !!(window.Chart && Chart.getChart(document.getElementById(arguments[0])));", chart)));
            assertThat(driver.findElement(By.id(chart)).getSize().getWidth()).as(chart).isGreaterThan(100);
        }
        Object money = ((JavascriptExecutor) driver).executeScript(
                "return Chart.getChart(document.getElementById('chart-money')).data.labels;");
        assertThat(money.toString()).contains("held");
        assertThat(browserLog()).noneMatch(line -> line.contains("Content Security Policy") || line.contains("Uncaught"));
        // the figures stay readable as tables, for screen readers
        assertThat(driver.findElement(By.id("funnel")).getText()).contains("Link clicks").contains("Rewarded");
    }

    @Test
    void aWrongPasswordIsRefused() {
        assumeBrowser();
        driver.get(base() + "/login");
        driver.findElement(By.id("username")).sendKeys("ada@ops.example");
        driver.findElement(By.id("password")).sendKeys("not-her-password");
        driver.findElement(By.id("sign-in")).click();
        waitFor(By.id("login-error"));
        driver.get(base() + "/console");
        assertThat(driver.getCurrentUrl()).endsWith("/login");
    }

    @Test
    void anApproverApprovesAHeldRewardAndTheGiftCardIsOrderedAtTremendous() {
        assumeBrowser();
        Reward reward = heldReward("300", "approve");
        signedInAs("bob@ops.example", "bob-pass");
        driver.get(base() + "/console/review");
        WebElement card = waitFor(By.id("reward-" + reward.id()));
        assertThat(card.getText()).contains("above the review threshold of 200");
        assertThat(card.findElement(By.tagName("details")).getAttribute("textContent"))
                .contains("Attributed by referral code");
        screenshot("console-review");

        driver.findElement(By.id("reason-" + reward.id())).sendKeys("Known customer, contract signed");
        driver.findElement(By.id("approve-" + reward.id())).click();
        assertThat(waitFor(By.id("flash-done")).getText()).contains("Reward " + reward.id() + " approved");

        eventually().untilAsserted(() -> {
            assertThat(tremendous.orderedExternalIds()).contains(reward.idempotencyKey());
            assertThat(rewards.byId(reward.id()).orElseThrow().status()).isEqualTo(Reward.Status.ISSUED);
        });
        assertThat(decisionsOf(reward)).anyMatch(d -> d.contains("approved by bob@ops.example: Known customer, contract signed"));
    }

    @Test
    void anApproverDecidesSeveralRewardsAtOnce() {
        assumeBrowser();
        Reward first = heldReward("210", "bulk-a");
        Reward second = heldReward("220", "bulk-b");
        Reward rejected = heldReward("230", "bulk-c");
        signedInAs("bob@ops.example", "bob-pass");
        driver.get(base() + "/console/review");
        waitFor(By.id("select-" + first.id())).click();
        driver.findElement(By.id("select-" + second.id())).click();
        driver.findElement(By.id("bulk-reason")).sendKeys("Quarter-end batch, all checked");
        driver.findElement(By.id("bulk-approve")).click();
        assertThat(waitFor(By.id("flash-done")).getText()).contains("Reward " + first.id() + " approved")
                .contains("Reward " + second.id() + " approved");

        waitFor(By.id("select-" + rejected.id())).click();
        driver.findElement(By.id("bulk-reason")).sendKeys("Same person as the advocate");
        submit(By.id("bulk-reject"));
        assertThat(waitFor(By.id("flash-done")).getText()).contains("Reward " + rejected.id() + " rejected");

        eventually().untilAsserted(() -> assertThat(tremendous.orderedExternalIds())
                .contains(first.idempotencyKey(), second.idempotencyKey()).doesNotContain(rejected.idempotencyKey()));
        assertThat(rewards.byId(rejected.id()).orElseThrow().status()).isEqualTo(Reward.Status.REJECTED);
        assertThat(decisionsOf(rejected)).anyMatch(d -> d.contains("rejected by bob@ops.example: Same person as the advocate"));
    }

    @Test
    void aReasonIsRequiredToDecide() {
        assumeBrowser();
        Reward reward = heldReward("250", "no-reason");
        signedInAs("bob@ops.example", "bob-pass");
        driver.get(base() + "/console/review");
        driver.findElement(By.id("approve-" + reward.id())).click();
        // the browser refuses the empty required field; nothing was sent
        assertThat(driver.getCurrentUrl()).endsWith("/console/review");
        assertThat(rewards.byId(reward.id()).orElseThrow().status()).isEqualTo(Reward.Status.HELD);
        assertThatThrownBy(() -> approvals.approve(reward.id(), "bob@ops.example", "bob@ops.example", " "))
                .hasMessageContaining("a reason is required");
    }

    @Test
    void aRewardAboveTheSecondApprovalThresholdNeedsTwoDifferentApprovers() {
        assumeBrowser();
        Reward reward = heldReward("800", "two");
        signedInAs("bob@ops.example", "bob-pass");
        approveInBrowser(reward, "Checked the contract");
        assertThat(text("flash-done")).contains("needs a second, different approver");
        assertThat(rewards.byId(reward.id()).orElseThrow().status()).isEqualTo(Reward.Status.HELD);

        approveInBrowser(reward, "Approving twice");
        assertThat(text("flash-refused")).contains("you approved reward " + reward.id() + " already");
        assertThat(driver.findElement(By.id("reward-" + reward.id())).getText()).contains("approved by bob@ops.example");
        screenshot("console-two-approvers");

        signedInAs("carol", "carol-pass");
        approveInBrowser(reward, "Second look, fine");
        assertThat(text("flash-done")).contains("Reward " + reward.id() + " approved");
        eventually().untilAsserted(() ->
                assertThat(tremendous.orderedExternalIds()).contains(reward.idempotencyKey()));
        assertThat(decisionsOf(reward)).anyMatch(d -> d.contains("bob@ops.example"))
                .anyMatch(d -> d.contains("approved by carol: Second look, fine"));
    }

    @Test
    void nobodyApprovesARewardToTheirOwnEmail() {
        Reward reward = heldReward("300", "self", "carol@ops.example");
        assertThatThrownBy(() -> approvals.approve(reward.id(), "carol", "carol@ops.example", "it is mine"))
                .hasMessageContaining("paid to your own email");
        assertThat(rewards.byId(reward.id()).orElseThrow().status()).isEqualTo(Reward.Status.HELD);
    }

    @Test
    void aViewerSeesTheQueueButCannotDecide() throws Exception {
        assumeBrowser();
        Reward reward = heldReward("300", "viewer");
        signedInAs("vic", "vic-pass");
        driver.get(base() + "/console/review");
        assertThat(waitFor(By.id("reward-" + reward.id())).getText()).contains("300");
        assertThat(driver.findElements(By.id("approve-" + reward.id()))).isEmpty();
        assertThat(driver.findElements(By.id("bulk"))).isEmpty();
        screenshot("console-review-viewer");

        // and a hand-made POST with a valid session and CSRF token is forbidden
        Session vic = Session.signIn(base(), "vic", "vic-pass");
        assertThat(vic.post("/console/review/" + reward.id(), "decision=approve&reason=sneaky")).isEqualTo(403);
        assertThat(rewards.byId(reward.id()).orElseThrow().status()).isEqualTo(Reward.Status.HELD);
    }

    @Test
    void anAdminReplaysAFailedCrmWriteAndTheCrmGetsIt() {
        assumeBrowser();
        String contact = hubspot.createContact(Map.of("email", "replay-" + suffix() + "@fabrikam.io"));
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                INSERT INTO crm_write (crm, object_type, object_id, properties, status, attempts, next_attempt_at, created_at, last_error)
                VALUES ('hubspot', 'contacts', ?, '{"referral_status":"attributed","referred_by_email":"ada@contoso.io"}',
                        'FAILED', 5, ?, ?, 'HTTP 502 from HubSpot')""")
                .params(contact, now, now).update(key, "id");
        long id = key.getKey().longValue();
        // a newer write of the same record went out meanwhile: its value must not be overwritten by the replay
        jdbc.sql("""
                INSERT INTO crm_write (crm, object_type, object_id, properties, status, attempts, next_attempt_at, created_at)
                VALUES ('hubspot', 'contacts', ?, '{"referral_status":"rewarded"}', 'SENT', 1, ?, ?)""")
                .params(contact, now, now).update();

        signedInAs("ada@ops.example", "ada-pass");
        driver.get(base() + "/console/problems");
        assertThat(driver.findElement(By.id("failed-writes")).getText()).contains("HTTP 502 from HubSpot");
        assertThat(driver.findElement(By.id("guards")).getText()).contains("hubspot").contains("closed");
        screenshot("console-problems");
        driver.findElement(By.id("write-" + id)).click();
        driver.findElement(By.id("replay-selected-writes")).click();
        assertThat(waitFor(By.id("flash-done")).getText()).contains("CRM write " + id + " queued again");

        eventually().untilAsserted(() -> {
            assertThat(hubspot.contact(contact)).containsEntry("referred_by_email", "ada@contoso.io")
                    .doesNotContainEntry("referral_status", "attributed");
            assertThat(jdbc.sql("SELECT status FROM crm_write WHERE id = ?").param(id).query(String.class).single())
                    .isEqualTo("SENT");
        });
    }

    @Test
    void referralsAreFoundByCodeAndTheirStoryIsToldInWords() {
        assumeBrowser();
        Reward reward = heldReward("300", "search");
        String code = jdbc.sql("SELECT code FROM advocate WHERE id = ?").param(reward.advocateId()).query(String.class).single();
        signedInAs("vic", "vic-pass");
        driver.get(base() + "/console/referrals");
        // htmx (served from the jar, allowed by the CSP) searches as one types, without a submit
        driver.findElement(By.id("q")).sendKeys(code);
        // typed slowly, the code is searched for in parts too: the answer to the whole code is the one in the address
        waiting().until(d -> d.getCurrentUrl().contains("q=" + code)
                && d.findElement(By.id("advocate-results")).getText().contains(code)
                && d.findElements(By.cssSelector("#advocate-results tbody tr")).size() == 1);
        assertThat(driver.getCurrentUrl()).contains("q=" + code);
        driver.findElement(By.linkText(String.valueOf(reward.referralId()))).click();
        assertThat(waitFor(By.id("decision-log")).getText()).contains("Attributed by referral code " + code)
                .contains("held for review");
        screenshot("console-referral");

        driver.get(base() + "/console/settings");
        assertThat(driver.findElement(By.id("public-urls")).getText()).contains("https://referloop.example.com/webhooks/hubspot");
        assertThat(driver.getPageSource()).doesNotContain(TOKEN).doesNotContain(TREMENDOUS_KEY).doesNotContain("ada-pass");
        screenshot("console-settings");
    }

    @Test
    void anAdminEnrolsAnAdvocateByHand() {
        assumeBrowser();
        String email = "new-advocate-" + suffix() + "@contoso.io";
        signedInAs("ada@ops.example", "ada-pass");
        driver.get(base() + "/console/referrals");
        driver.findElement(By.id("enrol-email")).sendKeys(email);
        driver.findElement(By.id("enrol-name")).sendKeys("Grace Hopper");
        driver.findElement(By.id("enrol")).click();
        assertThat(waitFor(By.id("flash-done")).getText()).contains(email + " is advocate ");
        String code = jdbc.sql("SELECT code FROM advocate WHERE email = ?").param(email).query(String.class).single();
        assertThat(driver.findElement(By.id("flash-done")).getText()).contains(email + " is advocate " + code)
                .contains("https://referloop.example.com/r/" + code);
        assertThat(driver.findElement(By.id("advocate-results")).getText()).contains(email);

        signedInAs("vic", "vic-pass");
        driver.get(base() + "/console/referrals");
        assertThat(driver.findElements(By.id("enrol"))).isEmpty();
    }

    @Test
    void theConsoleSendsAStrictContentSecurityPolicyAndTheBearerApiStaysAsItWas() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("script-src 'self'").contains("default-src 'self'").doesNotContain("unsafe-inline");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base() + "/console")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(302);

        // OpenID Connect, when a registration is configured: a link on the login page, and a redirect to the provider
        assertThat(login.body()).contains("/oauth2/authorization/test-idp").contains("Test IdP");
        HttpResponse<Void> sso = http.send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/authorization/test-idp")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(sso.statusCode()).isEqualTo(302);
        assertThat(sso.headers().firstValue("Location").orElse("")).startsWith("https://idp.example.com/authorize?")
                .contains("client_id=console-client").contains("scope=openid%20email").contains("nonce=")
                .contains("redirect_uri=http://localhost:" + port + "/login/oauth2/code/test-idp");

        assertThat(http.send(HttpRequest.newBuilder(URI.create(base() + "/api/rewards")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base() + "/api/rewards"))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        // a console session is no key to the machines' API, and the API needs no CSRF token
        Session ada = Session.signIn(base(), "ada@ops.example", "ada-pass");
        assertThat(ada.get("/console")).isEqualTo(200);
        assertThat(ada.get("/api/rewards")).isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base() + "/api/rewards/999999/approve"))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(400);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base() + "/webhooks/stripe"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isNotIn(302, 403);
    }

    @Test
    void theSettingsPageListsTheRouteFilesOfTheFolderTheConnectorLoadsThemFrom() throws Exception {
        String settings = Session.signIn(base(), "vic", "vic-pass").body("/console/settings");

        assertThat(settings).contains(ROUTES.toAbsolutePath() + File.separator)
                .doesNotContain(Path.of("routes").toAbsolutePath().toString())
                .contains("hubspot-polling.camel.yaml").contains("events.camel.yaml");
    }

    @Test
    void anAdminDisablesAnAdvocateWithAReasonAndEnablesThemAgain() throws Exception {
        assumeBrowser();
        String email = "to-disable-" + suffix() + "@contoso.io";
        String code = advocate(email);
        signedInAs("ada@ops.example", "ada-pass");
        driver.get(base() + "/console/referrals?q=" + code);
        waitFor(By.id("status-reason-" + code)).sendKeys("Left the company");
        driver.findElement(By.id("disable-" + code)).click();

        assertThat(waitFor(By.id("flash-done")).getText()).contains("Advocate " + code).contains("is disabled");
        assertThat(text("advocate-state-" + code)).startsWith("disabled")
                .contains("disabled by ada@ops.example").contains("Left the company");
        assertThat(linkStatus(code)).isEqualTo(404);
        assertThat(statusChanges(code)).containsExactly("disabled by ada@ops.example: Left the company");
        screenshot("console-referrals");

        // manual attribution to a disabled advocate is refused, and says why
        driver.get(base() + "/console/referrals");
        waitFor(By.id("attribute-email")).sendKeys("friend-" + suffix() + "@" + suffix() + "-corp.io");
        driver.findElement(By.id("attribute-code")).sendKeys(code);
        driver.findElement(By.id("attribute-reason")).sendKeys("Met at the fair");
        driver.findElement(By.id("attribute")).click();
        assertThat(waitFor(By.id("flash-refused")).getText()).contains("advocate " + code + " is disabled, not active");

        driver.get(base() + "/console/referrals?q=" + code);
        waitFor(By.id("status-reason-" + code)).sendKeys("Came back as a partner");
        driver.findElement(By.id("enable-" + code)).click();
        assertThat(waitFor(By.id("flash-done")).getText()).contains("is active again");
        assertThat(text("advocate-state-" + code)).startsWith("active").contains("enabled by ada@ops.example");
        assertThat(linkStatus(code)).isEqualTo(302);
        assertThat(statusChanges(code)).containsExactly("disabled by ada@ops.example: Left the company",
                "enabled by ada@ops.example: Came back as a partner");
    }

    @Test
    void anAdvocateIsNotDisabledWithoutAReason() {
        assumeBrowser();
        String code = advocate("keep-" + suffix() + "@contoso.io");
        signedInAs("ada@ops.example", "ada-pass");
        driver.get(base() + "/console/referrals?q=" + code);
        waitFor(By.id("disable-" + code)).click();
        // the browser refuses the empty required field; nothing was sent
        assertThat(driver.findElements(By.id("flash-done"))).isEmpty();
        assertThat(jdbc.sql("SELECT status FROM advocate WHERE code = ?").param(code).query(String.class).single())
                .isEqualTo("active");
    }

    @Test
    void aViewerSeesNoAdvocateOrAttributionActions() {
        assumeBrowser();
        String code = advocate("seen-" + suffix() + "@contoso.io");
        signedInAs("vic", "vic-pass");
        driver.get(base() + "/console/referrals?q=" + code);
        assertThat(text("advocate-state-" + code)).startsWith("active");
        assertThat(driver.findElements(By.id("disable-" + code))).isEmpty();
        assertThat(driver.findElements(By.id("attribute"))).isEmpty();
    }

    @Test
    void anAdminAttributesAPersonByHandAndMovesTheReferralToAnotherAdvocate() {
        assumeBrowser();
        String first = advocate("first-" + suffix() + "@contoso.io");
        String second = advocate("second-" + suffix() + "@contoso.io");
        String person = "met-at-fair-" + suffix() + "@" + suffix() + "-corp.io";
        signedInAs("ada@ops.example", "ada-pass");
        driver.get(base() + "/console/referrals");
        waitFor(By.id("attribute-email")).sendKeys(person);
        driver.findElement(By.id("attribute-code")).sendKeys(first.toLowerCase());
        driver.findElement(By.id("attribute-reason")).sendKeys("Met at the trade fair");
        driver.findElement(By.id("attribute")).click();

        assertThat(waitFor(By.id("flash-done")).getText()).contains("is attributed by hand to advocate " + first);
        long referral = jdbc.sql("SELECT id FROM referral WHERE referred_email = ?").param(person).query(Long.class).single();
        assertThat(driver.getCurrentUrl()).endsWith("/console/referrals/" + referral);
        assertThat(text("decision-log")).contains("Attributed by hand to advocate " + first);

        waitFor(By.id("move-code")).sendKeys(second);
        driver.findElement(By.id("move-reason")).sendKeys("The second advocate made the introduction");
        submit(By.id("move"));
        assertThat(waitFor(By.id("flash-done")).getText()).contains("Referral " + referral + " is attributed by hand to advocate " + second);
        assertThat(text("decision-log")).contains("Moved by hand to advocate " + second);
        assertThat(decisions.forReferral(referral)).last().satisfies(d -> assertThat(d.inputs())
                .containsEntry("by", "ada@ops.example").containsEntry("reason", "The second advocate made the introduction"));
        screenshot("console-referral-moved");
    }

    @Test
    void aMoveTheRulesForbidIsRefusedOnThePageAndChangesNothing() {
        assumeBrowser();
        Reward reward = heldReward("300", "no-move");
        String other = advocate("other-" + suffix() + "@contoso.io");
        signedInAs("ada@ops.example", "ada-pass");
        driver.get(base() + "/console/referrals/" + reward.referralId());
        waitFor(By.id("move-code")).sendKeys(other);
        driver.findElement(By.id("move-reason")).sendKeys("Wrong advocate");
        driver.findElement(By.id("move")).click();

        assertThat(waitFor(By.id("flash-refused")).getText()).contains("Not attributed")
                .contains("reward " + reward.id()).contains("reject or cancel that reward first");
        assertThat(driver.findElement(By.id("move-code")).getAttribute("value")).isEqualTo(other);
        assertThat(jdbc.sql("SELECT advocate_id FROM referral WHERE id = ?").param(reward.referralId())
                .query(Long.class).single()).isEqualTo(reward.advocateId());

        driver.findElement(By.id("move-code")).clear();
        driver.findElement(By.id("move-code")).sendKeys("NOSUCHCODE");
        submit(By.id("move"));
        assertThat(waitFor(By.id("flash-refused")).getText()).contains("no advocate has the code NOSUCHCODE");
    }

    // ---------------------------------------------------------------------------------------------

    /** An active advocate enrolled by hand; returns their code. */
    private String advocate(String email) {
        String code = "C" + suffix().toUpperCase();
        jdbc.sql("INSERT INTO advocate (code, email, name, status, enrolled_by, created_at) VALUES (?, ?, ?, 'active', 'admin', ?)")
                .params(code, email, "Advocate " + code, Timestamp.from(Instant.now())).update();
        return code;
    }

    private java.util.List<String> statusChanges(String code) {
        return jdbc.sql("""
                        SELECT d.outcome, d.inputs FROM decision_log d JOIN advocate a ON a.id = d.advocate_id
                        WHERE a.code = ? AND d.rule = 'advocate-status' ORDER BY d.id""").param(code)
                .query((rs, i) -> {
                    Map<?, ?> inputs = readJson(rs.getString("inputs"));
                    return rs.getString("outcome") + " by " + inputs.get("by") + ": " + inputs.get("reason");
                }).list();
    }

    private static Map<?, ?> readJson(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(text, Map.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The referral link, as someone who clicks it gets it: 302 to the landing page, or 404 when it attributes nobody. */
    private int linkStatus(String code) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/r/" + code)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** What the browser's console said since the last call. */
    private java.util.List<String> browserLog() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    private void approveInBrowser(Reward reward, String reason) {
        driver.get(base() + "/console/review");
        waitFor(By.id("reason-" + reward.id())).sendKeys(reason);
        driver.findElement(By.id("approve-" + reward.id())).click();
        waitFor(By.cssSelector("#flash-done, #flash-refused"));
    }

    private java.util.List<String> decisionsOf(Reward reward) {
        return decisions.forReferral(reward.referralId()).stream()
                .map(d -> d.rule() + " " + d.outcome() + " " + d.inputs()).toList();
    }

    private Reward heldReward(String amount, String label) {
        return heldReward(amount, label, "adv-" + label + "-" + suffix() + "@contoso.io");
    }

    /** An advocate, a converted referral with its decision log, and a reward held for review. */
    private Reward heldReward(String amount, String label, String advocateEmail) {
        Instant now = Instant.now();
        String code = "C" + suffix().toUpperCase();
        GeneratedKeyHolder advocateKey = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO advocate (code, email, name, status, enrolled_by, created_at) VALUES (?, ?, ?, 'active', 'admin', ?)")
                .params(code, advocateEmail, "Ada " + label, Timestamp.from(now)).update(advocateKey, "id");
        long advocateId = advocateKey.getKey().longValue();
        String friend = label + "-" + suffix() + "@fabrikam.io";
        GeneratedKeyHolder referralKey = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO referral (advocate_id, referred_email, referred_domain, attribution, status, registered_at, attributed_at)
                VALUES (?, ?, 'fabrikam.io', 'code', 'converted', ?, ?)""")
                .params(advocateId, friend, Timestamp.from(now), Timestamp.from(now)).update(referralKey, "id");
        long referralId = referralKey.getKey().longValue();
        decisions.record(referralId, advocateId, friend, "attribution-by-code", "attributed",
                Map.of("referralCode", code, "email", friend, "crm", "hubspot", "contactId", "51"));
        decisions.record(referralId, advocateId, "stripe:in_1", "conversion-FIRST_PAYMENT", "converted",
                Map.of("revenue", "990.00", "currency", "USD", "source", "stripe", "externalRef", "in_1"));
        decisions.record(referralId, advocateId, "stripe:in_1", "review-threshold", "held",
                Map.of("amount", amount, "currency", "USD", "reason", "above the review threshold of 200"));
        return rewards.create(referralId, advocateId, Reward.Beneficiary.advocate, advocateEmail, "Ada " + label,
                new BigDecimal(amount), "USD", Reward.Status.HELD, "above the review threshold of 200", null, now);
    }

    private void signIn(String username, String password) {
        driver.get(base() + "/login");
        waitFor(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
        waiting().until(ExpectedConditions.urlMatches(".*/console$"));
        assertThat(text("signed-in-as")).isEqualTo(username);
    }

    /**
     * Signed in as this user: through the login form the first time, then with the session cookie that sign-in got.
     * Signing in costs a page and the Overview each time; the tests of signing in use {@link #signIn} themselves.
     */
    private void signedInAs(String username, String password) {
        // never signs in over another user's session: that session's id would change and its cookie go stale
        driver.manage().deleteAllCookies();
        Cookie session = sessions.get(username);
        if (session == null) {
            signIn(username, password);
            Cookie got = driver.manage().getCookieNamed("JSESSIONID");
            sessions.put(username, new Cookie.Builder(got.getName(), got.getValue())
                    .path(got.getPath()).isHttpOnly(got.isHttpOnly()).sameSite(got.getSameSite()).build());
            return;
        }
        if (!driver.getCurrentUrl().startsWith(base())) {
            driver.get(base() + "/login"); // a cookie is set from a page of its own site
        }
        driver.manage().addCookie(session);
    }

    /** What the connector does after a decision (ordering a gift card, writing to the CRM): checked at once, then often. */
    private static ConditionFactory eventually() {
        return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(25)).atMost(Duration.ofSeconds(40));
    }

    /**
     * Waits that look often: a page or an htmx swap is ready within milliseconds here. An element an htmx swap
     * replaced while it was being read is looked for again.
     */
    private static WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(25));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /**
     * Clicks a button that sends its form, and waits until the answer replaced the page: the page it was clicked on
     * may show a notice of the same id from the step before.
     */
    private void submit(By button) {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(button).click();
        waiting().until(ExpectedConditions.stalenessOf(page));
    }

    private WebElement waitFor(By by) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private String text(String id) {
        return waitFor(By.id(id)).getText();
    }

    private static void resize(Dimension size) {
        resized = true;
        driver.manage().window().setSize(size);
    }

    private void screenshot(String name) {
        try {
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assumeBrowser() {
        assumeTrue(driver != null, "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static Path copyOfTheShippedRoutes() {
        try {
            Path folder = ShippedRoutes.copiedTo(Files.createTempDirectory("referloop-console-routes"));
            // the connector watches the folder as long as the test JVM keeps its context
            Runtime.getRuntime().addShutdownHook(new Thread(() -> FileSystemUtils.deleteRecursively(folder.toFile())));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A console session over plain HTTP: signs in through the form with its CSRF token, keeps the cookie. */
    record Session(HttpClient http, String base) {

        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

        static Session signIn(String base, String username, String password) throws Exception {
            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            Session session = new Session(http, base);
            String token = session.csrf("/login");
            int status = session.send("/login", "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(token));
            assertThat(status).isEqualTo(302);
            return session;
        }

        String body(String path) throws Exception {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            return page.body();
        }

        int get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }

        /** POSTs a console form with the CSRF token of the page it would come from. */
        int post(String path, String form) throws Exception {
            return send(path, form + "&_csrf=" + enc(csrf("/console/review")));
        }

        private int send(String path, String form) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        private String csrf(String page) throws Exception {
            String html = http.send(HttpRequest.newBuilder(URI.create(base + page)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = CSRF.matcher(html);
            assertThat(m.find()).as("a CSRF token on " + page).isTrue();
            return m.group(1);
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
