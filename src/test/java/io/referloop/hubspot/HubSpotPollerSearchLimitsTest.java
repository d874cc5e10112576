package io.referloop.hubspot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.referloop.demo.FakeHubSpot;
import io.referloop.ingest.ClusterLock;
import io.referloop.ingest.Inbox;
import io.referloop.ingest.PollCheckpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The poller against HubSpot's search limits: 200 results a page, at most 4 searches a second (HubSpot allows
 * 5), and a search that cannot page past its result window. The fake's window is made small (as is the
 * poller's) so that a few hundred contacts pass it, and the polls that page through it search every 10 ms
 * rather than every 250 ms; the 4 a second is checked on the search limiter as the connector configures it, by the
 * permits it grants rather than by when searches reach the fake (which a busy machine bunches). Everything else
 * is the connector as deployed.
 * <p>
 * A context of its own: its own fake HubSpot, and an inbox that is not drained.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class HubSpotPollerSearchLimitsTest {

    static final String TOKEN = "pat-search-limits";
    static final int WINDOW = 1_000;
    static final FakeHubSpot hubspot = new FakeHubSpot(TOKEN).start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:search-limits-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("referloop.hubspot.base-url", hubspot::baseUrl);
        registry.add("referloop.hubspot.access-token", () -> TOKEN);
        registry.add("referloop.hubspot.rate-limit-per-10s", () -> "1000");
        // the stored changes are what this test reads; processing them would only compete for the two cores
        registry.add("referloop.inbox.poll-interval-ms", () -> "3600000");
    }

    @Autowired
    HubSpotProperties properties;
    @Autowired
    HubSpotClient client;
    @Autowired
    Inbox inbox;
    @Autowired
    PollCheckpoints checkpoints;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    HubSpotPropertyProvisioner provisioner;
    private HubSpotPoller poller;

    @BeforeEach
    void poller() {
        // its own interval of a millisecond: each call polls; the connector's own poller stays off
        HubSpotProperties polling = new HubSpotProperties(properties.baseUrl(), properties.accessToken(),
                properties.clientSecret(), properties.rateLimitPer10s(), properties.maxAttempts(),
                properties.circuitOpenDuration(), properties.connectTimeout(), properties.requestTimeout(),
                Duration.ofMillis(1), properties.pollOverlap(), properties.retry());
        poller = new HubSpotPoller(new HubSpotAdapter(polling, searchingOften(polling), provisioner, json, WINDOW),
                inbox, checkpoints, new ClusterLock(jdbc, Clock.systemUTC()), Clock.systemUTC());
    }

    /** The connector's client but for the spacing of searches: 10 ms, so that paging does not wait 250 ms a page. */
    private HubSpotClient searchingOften(HubSpotProperties polling) {
        return searchesLimitedBy(RateLimiterConfig.from(client.resilience().searchLimiter.getRateLimiterConfig())
                .limitRefreshPeriod(Duration.ofMillis(10)).build(), polling);
    }

    /** The connector's client with its searches limited by those settings instead. */
    private HubSpotClient searchesLimitedBy(RateLimiterConfig searchLimit, HubSpotProperties settings) {
        HubSpotResilience deployed = client.resilience();
        RateLimiterRegistry limiters = RateLimiterRegistry.ofDefaults();
        limiters.rateLimiter(HubSpotResilience.NAME, deployed.rateLimiter.getRateLimiterConfig());
        limiters.rateLimiter(HubSpotResilience.SEARCH, searchLimit);
        return new HubSpotClient(settings, json, new HubSpotResilience(limiters, deployed.circuitBreakers, deployed.retries));
    }

    @Test
    void aSearchPastTheResultWindowRestartsFromTheNewestChangeSeenAndStillFindsEveryChange() throws Exception {
        Set<String> contacts = createContacts(WINDOW * 3 / 2);

        List<FakeHubSpot.Search> searches = poll();

        assertThat(polledContacts()).containsAll(contacts);
        assertThat(searches).filteredOn(s -> s.objectType().equals("contacts") && s.after() == null)
                .as("the contacts search started again after the window").hasSizeGreaterThanOrEqualTo(2);
        assertThat(searches).as("never a search past the window (HubSpot answers 400)")
                .allSatisfy(s -> assertThat(s.after() == null ? 0 : Integer.parseInt(s.after())).isLessThan(WINDOW));
    }

    @Test
    void pollingSearchesAsk200ResultsAPage() throws Exception {
        Set<String> contacts = createContacts(450);

        List<FakeHubSpot.Search> searches = poll();

        assertThat(polledContacts()).containsAll(contacts);
        assertThat(searches).extracting(FakeHubSpot.Search::limit).containsOnly(HubSpotClient.SEARCH_PAGE);
        assertThat(searches).filteredOn(s -> s.objectType().equals("contacts")).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void aSearchGoesOutOnlyWithAPermitOfTheSearchLimiter() {
        hubspot.setRateLimitPer10s(100_000);
        // one permit for the hour and no waiting for another: a search past it is refused instead of sent
        HubSpotClient oneSearchAnHour = searchesLimitedBy(RateLimiterConfig.custom().limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofHours(1)).timeoutDuration(Duration.ZERO).build(), properties);
        int before = hubspot.searches().size();

        oneSearchAnHour.newest("contacts", HubSpotPoller.MODIFIED);

        assertThatThrownBy(() -> oneSearchAnHour.searchModifiedSince("contacts", HubSpotPoller.MODIFIED, 0, List.of(), null))
                .isInstanceOf(RequestNotPermitted.class);
        assertThatThrownBy(() -> oneSearchAnHour.newest("contacts", HubSpotPoller.MODIFIED))
                .isInstanceOf(RequestNotPermitted.class);
        assertThat(hubspot.searches()).hasSize(before + 1);
    }

    @Test
    void theSearchLimiterGivesEachSearchACycleOfItsOwnOfAQuarterSecondAtLeast() {
        RateLimiterConfig deployed = client.resilience().searchLimiter.getRateLimiterConfig();
        assertThat(client.resilience().searchLimiter).as("the kind of limiter asked below").isInstanceOf(AtomicRateLimiter.class);

        List<Long> cycles = await().atMost(Duration.ofSeconds(30)).until(() -> permitCycles(deployed, 12), Objects::nonNull);

        // a permit a cycle: at most 4 searches a second, and no second holds more than the 5 that HubSpot allows
        assertThat(deployed.getLimitRefreshPeriod()).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(cycles).as("the cycle of each permit, from the one it was asked in")
                .containsExactlyElementsOf(LongStream.range(0, 12).boxed().toList());
    }

    /**
     * The cycle of each of n permits asked for at once from a limiter with these settings, counted from the one
     * they were asked in, as the limiter decides it: a search waits for its permit (in {@link HubSpotClient}) until
     * the start of the permit's cycle. Null when the asking went on into the next cycle, which would shift the count.
     */
    private static List<Long> permitCycles(RateLimiterConfig settings, int n) {
        AtomicRateLimiter limiter = new AtomicRateLimiter("search-permits", settings);
        long period = settings.getLimitRefreshPeriod().toNanos();
        long asked = limiter.getDetailedMetrics().getCycle();
        List<Long> cycles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long wait = limiter.reservePermission();
            assertThat(wait).as("permit %d within the limiter's timeout", i).isNotNegative();
            cycles.add((wait + period - 1) / period);
        }
        return limiter.getDetailedMetrics().getCycle() == asked ? cycles : null;
    }

    @AfterEach
    void releaseLease() {
        poller.releaseLease();
    }

    /** Contacts changed after the poller's checkpoint (a first poll sets it to the newest change HubSpot has). */
    private Set<String> createContacts(int n) throws InterruptedException {
        hubspot.setRateLimitPer10s(100_000);
        hubspot.setSearchResultWindow(WINDOW);
        if (checkpoints.get("hubspot:contacts").isEmpty()) {
            poller.pollIfDue();
            Thread.sleep(5);
        }
        return IntStream.range(0, n)
                .mapToObj(i -> hubspot.createContact(Map.of("email", "c" + i + "-" + UUID.randomUUID() + "@acme.io")))
                .collect(Collectors.toSet());
    }

    /** One poll; returns the searches it made. */
    private List<FakeHubSpot.Search> poll() throws InterruptedException {
        Thread.sleep(5);
        int before = hubspot.searches().size();
        poller.pollIfDue();
        List<FakeHubSpot.Search> all = hubspot.searches();
        return all.subList(before, all.size());
    }

    private Set<String> polledContacts() {
        return Set.copyOf(jdbc.sql("SELECT DISTINCT object_id FROM inbox_event WHERE source = 'hubspot' AND external_id LIKE 'poll:contacts:%'")
                .query(String.class).list());
    }
}
