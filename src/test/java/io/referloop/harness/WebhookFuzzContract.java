package io.referloop.harness;

import io.referloop.ingest.HubSpotSignatureV3;
import io.referloop.ingest.StripeSignature;
import io.referloop.support.Harness;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Thousands of malformed, oversized, badly encoded, badly signed and replayed requests against every
 * webhook endpoint and referral links: each is answered with the 4xx the README promises, nothing in the
 * database changes, and afterwards the connector is healthy and still accepts a valid delivery on each
 * endpoint. Short inside {@code ./mvnw verify}; {@code ./mvnw -Pbench verify} runs the long version.
 * {@code -Dreferloop.fuzz.seed=...} repeats a run; {@code -Dreferloop.fuzz.requests=...} sizes it.
 */
@Tag(Harness.TAG)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class WebhookFuzzContract {

    private static final int WORKERS = 4;
    private static final int FAILURES_SHOWN = 25;

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add("referloop.hubspot.client-secret", () -> FuzzCases.HUBSPOT_SECRET);
        registry.add("referloop.public-base-url", () -> FuzzCases.PUBLIC_BASE);
        registry.add("referloop.stripe.webhook-secret", () -> "whsec_fuzz_previous," + FuzzCases.STRIPE_SECRET);
        registry.add("referloop.chargebee.webhook-username", () -> FuzzCases.CHARGEBEE_USER);
        registry.add("referloop.chargebee.webhook-password", () -> FuzzCases.CHARGEBEE_PASSWORD);
        registry.add("referloop.salesforce.organization-id", () -> FuzzCases.ORGANISATION);
        registry.add("referloop.inbox.poll-interval-ms", () -> "50");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    /** How many requests this database gets: {@link Harness#size(int, int)}. */
    abstract int requests();

    @Test
    void invalidRequestsAreRefusedWith4xxAndChangeNothing() throws Exception {
        long seed = Long.getLong("referloop.fuzz.seed", System.nanoTime());
        int requests = Integer.getInteger("referloop.fuzz.requests", requests());
        System.out.printf("Webhook fuzzing: %d requests, seed %d (repeat with -Dreferloop.fuzz.seed=%d)%n", requests, seed, seed);

        FuzzCases cases = new FuzzCases(seed, seedAcceptedDeliveries(), activeAdvocateCode());
        awaitInboxSettled();
        Map<String, Object> before = snapshot();

        Tally tally = new Tally();
        long started = System.nanoTime();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        AtomicInteger next = new AtomicInteger();
        for (int w = 0; w < WORKERS; w++) {
            workers.submit(() -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    try {
                        FuzzRequest request = cases.generate(i);
                        tally.record(i, request, send(request));
                    } catch (RuntimeException e) {
                        tally.failures.add("#" + i + " could not be generated or sent: " + e);
                    }
                }
            });
        }
        workers.shutdown();
        assertThat(workers.awaitTermination(30, TimeUnit.MINUTES)).as("fuzzing finished").isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.print(tally.report(requests, took, seed));

        assertThat(tally.failures).as("requests not answered as the README promises (seed %d)", seed).isEmpty();
        awaitInboxSettled();
        assertThat(snapshot()).as("database after fuzzing (seed %d)", seed).isEqualTo(before);
        assertStillHealthyAndAcceptingValidDeliveries();
    }

    // ---------------------------------------------------------------- sending

    private int send(FuzzRequest request) {
        try {
            if (request.isRaw()) {
                return sendRaw(request.raw(), request.halfClose());
            }
            URI uri;
            try {
                uri = URI.create("http://localhost:" + port + request.path());
            } catch (IllegalArgumentException notAUri) {
                return sendRaw(rawForm(request), false);
            }
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            for (String[] header : request.headers()) {
                builder.header(header[0], header[1]);
            }
            HttpRequest built;
            try {
                built = builder.build();
            } catch (IllegalArgumentException headerRefused) {
                return sendRaw(rawForm(request), false);
            }
            return http.send(built, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private byte[] rawForm(FuzzRequest request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(request.method() + " " + request.path() + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        for (String[] header : request.headers()) {
            head.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        byte[] body = request.body() == null ? new byte[0] : request.body();
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** One request on its own connection; the status of the answer, or -1 if there was none. */
    private int sendRaw(byte[] bytes, boolean halfClose) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(bytes);
                out.flush();
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (IOException refusedMidway) {
                // The server may answer and close before reading everything (413 on Content-Length): read its answer.
            }
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12);
            in.skip(Long.MAX_VALUE);
            socket.setSoLinger(true, 0);
            String statusLine = new String(head, StandardCharsets.ISO_8859_1);
            if (!statusLine.startsWith("HTTP/1.1 ")) {
                return -1;
            }
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    // ---------------------------------------------------------------- state

    /** A valid delivery per endpoint, accepted before the run: the fuzzer replays them outside their window. */
    private FuzzCases.Replays seedAcceptedDeliveries() throws Exception {
        return deliverOneValidToEach(1, System.nanoTime() % 1_000_000_000, "04lSEED" + System.nanoTime() % 100_000_000_000L);
    }

    /** One valid delivery to each endpoint, each accepted. */
    private FuzzCases.Replays deliverOneValidToEach(int hubspotEventId, long hubspotObjectId, String salesforceMessageId)
            throws Exception {
        byte[] hubspot = FuzzCases.utf8("[{\"eventId\":" + hubspotEventId + ",\"subscriptionId\":25,\"portalId\":62515,"
                + "\"appId\":1160452,\"occurredAt\":" + System.currentTimeMillis() + ",\"subscriptionType\":\"company.creation\","
                + "\"attemptNumber\":0,\"objectId\":" + hubspotObjectId + ",\"changeSource\":\"CRM\"}]");
        byte[] stripe = FuzzCases.utf8(FuzzCases.stripeEvent(-System.nanoTime(), "Zoë"));
        byte[] chargebee = FuzzCases.utf8(FuzzCases.chargebeeEvent(-System.nanoTime(), "Zoë"));
        byte[] salesforce = FuzzCases.utf8(FuzzCases.salesforceMessage(FuzzCases.ORGANISATION, salesforceMessageId, "Account", "Zoë"));
        assertThat(post("/webhooks/hubspot", hubspot, hubspotHeaders(hubspot))).isEqualTo(204);
        assertThat(post("/webhooks/stripe", stripe, stripeHeaders(stripe))).isEqualTo(200);
        assertThat(post("/webhooks/chargebee", chargebee, Map.of("Content-Type", "application/json", "Authorization", FuzzCases.goodBasic())))
                .isEqualTo(200);
        assertThat(post("/webhooks/salesforce", salesforce, Map.of("Content-Type", "text/xml; charset=utf-8", "SOAPAction", "\"\"")))
                .isEqualTo(200);
        return new FuzzCases.Replays(hubspot, stripe, chargebee, salesforce);
    }

    /** Letters that Unicode upper-casing produces from other characters (FF from the ligature, S from long s, I from dotless i). */
    private String activeAdvocateCode() throws Exception {
        String code = "FFSS-KIT";
        jdbc.sql("""
                INSERT INTO advocate (code, email, name, status, enrolled_by, created_at)
                VALUES (?, ?, 'Fuzz Advocate', 'active', 'admin', CURRENT_TIMESTAMP)""")
                .params(code, "fuzz-advocate-" + UUID.randomUUID() + "@example.com").update();
        HttpResponse<Void> follow = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/r/" + code.toLowerCase())).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(follow.statusCode()).as("the advocate's own link").isEqualTo(302);
        return code;
    }

    private void assertStillHealthyAndAcceptingValidDeliveries() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");

        long inbox = count("inbox_event");
        deliverOneValidToEach(2, 7, "04lAFTER" + System.nanoTime() % 10_000_000_000L);
        assertThat(count("inbox_event")).isEqualTo(inbox + 4);
    }

    private Map<String, String> hubspotHeaders(byte[] body) {
        String ts = Long.toString(System.currentTimeMillis());
        return Map.of("Content-Type", "application/json", "X-HubSpot-Request-Timestamp", ts, "X-HubSpot-Signature-v3",
                new HubSpotSignatureV3(FuzzCases.HUBSPOT_SECRET, Clock.systemUTC()).sign("POST", FuzzCases.PUBLIC_BASE + "/webhooks/hubspot", body, ts));
    }

    private static Map<String, String> stripeHeaders(byte[] body) {
        long t = System.currentTimeMillis() / 1000;
        return Map.of("Content-Type", "application/json", "Stripe-Signature", "t=" + t + ",v1=" + StripeSignature.sign(FuzzCases.STRIPE_SECRET, t, body));
    }

    private int post(String path, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Background work on what was accepted before the run (or after it) must not pass for a change made by fuzzing. */
    private void awaitInboxSettled() {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.sql("SELECT COUNT(*) FROM inbox_event WHERE status IN ('NEW', 'CLAIMED')").query(Long.class).single() == 0);
    }

    /** Row counts of every table, and every inbox row's source, key and status. */
    private Map<String, Object> snapshot() throws Exception {
        Map<String, Object> snapshot = new TreeMap<>();
        try (Connection connection = dataSource.getConnection();
             ResultSet tables = connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                String table = tables.getString("TABLE_NAME");
                if (!table.toLowerCase().startsWith("flyway")) {
                    snapshot.put(table.toLowerCase(), count(table));
                }
            }
        }
        assertThat(snapshot).containsKeys("inbox_event", "advocate", "referral", "referral_click", "reward", "crm_write");
        snapshot.put("inbox_event rows", jdbc.sql("SELECT source || ' ' || external_id || ' ' || status FROM inbox_event ORDER BY id")
                .query(String.class).list());
        return snapshot;
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    // ---------------------------------------------------------------- figures

    /** Counts per endpoint and category, a status histogram, and the requests answered otherwise than promised. */
    private static final class Tally {

        private final Map<String, LongAdder> byCategory = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();
        private final LongAdder bytes = new LongAdder();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, LongAdder> failureKinds = new ConcurrentHashMap<>();

        void record(int index, FuzzRequest request, int status) {
            byCategory.computeIfAbsent(request.endpoint() + " " + request.category(), k -> new LongAdder()).increment();
            byStatus.computeIfAbsent(request.endpoint() + " " + status, k -> new LongAdder()).increment();
            bytes.add(request.size());
            if (!request.expected().contains(status)) {
                String answer = (status < 0 ? "no answer" : Integer.toString(status)) + ", expected " + request.expected();
                failures.add("#" + index + " " + request + ": " + answer);
                failureKinds.computeIfAbsent(request.endpoint() + " " + request.category() + " (" + request.detail() + "): " + answer,
                        k -> new LongAdder()).increment();
            }
        }

        String report(int requests, Duration took, long seed) {
            StringBuilder s = new StringBuilder();
            s.append(String.format("Webhook fuzzing: %d requests (%d MiB) in %.1f s, %.0f requests/s, seed %d%n", requests,
                    bytes.sum() / (1024 * 1024), took.toMillis() / 1000.0, requests / Math.max(0.001, took.toMillis() / 1000.0), seed));
            s.append("  requests per endpoint and category:\n");
            new TreeMap<>(byCategory).forEach((k, v) -> s.append(String.format("    %-32s %7d%n", k, v.sum())));
            s.append("  answers per endpoint and status:\n");
            new TreeMap<>(byStatus).forEach((k, v) -> s.append(String.format("    %-32s %7d%n", k, v.sum())));
            s.append("  answered otherwise than promised: ").append(failures.size()).append('\n');
            new TreeMap<>(failureKinds).forEach((k, v) -> s.append(String.format("    %5d x %s%n", v.sum(), k)));
            if (!failures.isEmpty()) {
                s.append("  first of them:\n");
            }
            synchronized (failures) {
                failures.stream().limit(FAILURES_SHOWN).forEach(f -> s.append("    ").append(f).append('\n'));
            }
            return s.toString();
        }
    }
}
