package io.referloop.harness;

import io.referloop.demo.FakeHubSpot;
import io.referloop.demo.FakeTremendous;
import io.referloop.support.TremendousProperties;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What every harness gives its connector, under a name of its own: a fake HubSpot and a fake Tremendous with their
 * own credentials, signed HubSpot and Stripe webhooks, and timers that look often. A harness puts what it tests on
 * top of these settings (its database, leases, claim timeouts, a circuit breaker), whether its connector runs in the
 * test's JVM or as a process.
 */
record HarnessAccounts(String name) {

    static final String PUBLIC_BASE = "https://referloop.example.com";

    String token() {
        return "pat-" + name;
    }

    String secret() {
        return name + "-secret";
    }

    String whsec() {
        return "whsec_" + name;
    }

    String tremendousKey() {
        return "TEST_" + name;
    }

    FakeHubSpot startHubSpot() {
        return new FakeHubSpot(token()).start();
    }

    FakeTremendous startTremendous() {
        return new FakeTremendous(tremendousKey()).start();
    }

    WebhookSender sender(String connectorBaseUrl) {
        return new WebhookSender(connectorBaseUrl, PUBLIC_BASE, secret(), whsec());
    }

    /** The settings every harness shares, in order; a later put of the same key replaces it. */
    Map<String, String> settings(FakeHubSpot hubspot, int hubspotLimitPer10s, FakeTremendous tremendous) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("referloop.hubspot.base-url", hubspot.baseUrl());
        settings.put("referloop.hubspot.access-token", token());
        settings.put("referloop.hubspot.client-secret", secret());
        settings.put("referloop.hubspot.rate-limit-per-10s", Integer.toString(hubspotLimitPer10s));
        settings.put("referloop.public-base-url", PUBLIC_BASE);
        settings.put("referloop.stripe.webhook-secret", whsec());
        settings.put("referloop.tremendous.base-url", tremendous.baseUrl());
        settings.put("referloop.tremendous.api-key", tremendousKey());
        settings.put("referloop.tremendous.product-ids", TremendousProperties.PRODUCT);
        settings.put("referloop.inbox.poll-interval-ms", "50");
        settings.put("referloop.hubspot.writeback-interval-ms", "100");
        settings.put("referloop.rewards.issue-interval-ms", "100");
        return settings;
    }

    /** The shared settings, on an in-memory H2 database of the harness's own, for a connector in the test's JVM. */
    Map<String, String> inMemorySettings(FakeHubSpot hubspot, int hubspotLimitPer10s, FakeTremendous tremendous) {
        Map<String, String> settings = settings(hubspot, hubspotLimitPer10s, tremendous);
        settings.put("spring.datasource.url", "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return settings;
    }

    /** For a connector started as a process. */
    static List<String> arguments(Map<String, String> settings) {
        return settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }

    /** For a connector started in the test's JVM. */
    static void register(DynamicPropertyRegistry registry, Map<String, String> settings) {
        settings.forEach((key, value) -> registry.add(key, () -> value));
    }
}
