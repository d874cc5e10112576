package io.referloop.console;

import io.referloop.ingest.RouteFileStates;
import io.referloop.mapping.LiveMapping;
import io.referloop.mapping.MappingFiles;
import io.referloop.reward.RewardRules;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The read-only settings page: which systems are connected (never their secrets) and the URLs to paste. */
@Component
class ConsoleSettings {

    record SystemState(String name, String role, boolean connected, String how) {
    }

    record PublicUrl(String system, String url, String where) {
    }

    private final Environment env;
    private final MappingFiles mappings;
    private final LiveMapping<RewardRules> rules;
    private final RouteFileStates routeStates;

    ConsoleSettings(Environment env, MappingFiles mappings, LiveMapping<RewardRules> rules, RouteFileStates routeStates) {
        this.env = env;
        this.mappings = mappings;
        this.rules = rules;
        this.routeStates = routeStates;
    }

    List<SystemState> systems() {
        return List.of(
                new SystemState("HubSpot", "CRM", set("referloop.hubspot.access-token"),
                        "private-app token " + yes("referloop.hubspot.access-token") + ", webhook secret "
                                + yes("referloop.hubspot.client-secret") + ", API " + env.getProperty("referloop.hubspot.base-url", "")),
                new SystemState("Salesforce", "CRM", set("referloop.salesforce.authentication-type"),
                        "login " + env.getProperty("referloop.salesforce.authentication-type", "not configured")),
                new SystemState("Stripe", "billing", set("referloop.stripe.webhook-secret"),
                        "webhook secret " + yes("referloop.stripe.webhook-secret")),
                new SystemState("Chargebee", "billing", set("referloop.chargebee.webhook-username"),
                        "webhook basic auth " + yes("referloop.chargebee.webhook-username")),
                new SystemState("Tremendous", "gift cards", set("referloop.tremendous.api-key"),
                        "API key " + yes("referloop.tremendous.api-key") + ", provider in use: "
                                + env.getProperty("referloop.rewards.provider", "tremendous")),
                new SystemState("Tango Card", "gift cards", set("referloop.tango.api-key"),
                        "credentials " + yes("referloop.tango.api-key")));
    }

    List<PublicUrl> publicUrls() {
        String base = env.getProperty("referloop.public-base-url", "http://localhost:8080").replaceAll("/+$", "");
        return List.of(
                new PublicUrl("HubSpot", base + "/webhooks/hubspot", "app settings, Webhooks: target URL"),
                new PublicUrl("Stripe", base + "/webhooks/stripe", "Developers, Webhooks: endpoint URL"),
                new PublicUrl("Salesforce", base + "/webhooks/salesforce", "Outbound message: endpoint URL"),
                new PublicUrl("Chargebee", base + "/webhooks/chargebee", "Settings, Webhooks: URL"),
                new PublicUrl("Referral links", base + "/r/{code}", "what advocates share"));
    }

    /** The YAML files of a folder. */
    List<String> files(String which) {
        Path dir = "mappings".equals(which) ? mappings.dir() : Path.of("routes");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Why the last change of each file in routes/ was refused (its previous version runs); absent: the file runs as saved. */
    Map<String, String> routeRefusals() {
        Map<String, String> refusals = new TreeMap<>();
        for (String file : files("routes")) {
            routeStates.refusal(file).ifPresent(r -> refusals.put(file, r.reason()));
        }
        return refusals;
    }

    /** How the last change of each mapping file seen while running was taken; absent: as it was at start. */
    Map<String, String> mappingChanges() {
        Map<String, String> changes = new TreeMap<>();
        for (String file : files("mappings")) {
            mappings.lastChange(file).ifPresent(c -> changes.put(file, switch (c.kind()) {
                case REFUSED -> "last change refused, the rules before it stay in use: " + c.message();
                case APPLIED -> "changed; the new rules are in use";
                case NOT_READ -> "not read by this configuration";
            }));
        }
        return changes;
    }

    BigDecimal secondApprovalAbove() {
        return rules.current().secondApprovalAbove();
    }

    BigDecimal reviewAbove() {
        return rules.current().reviewAbove();
    }

    private boolean set(String property) {
        String value = env.getProperty(property);
        return value != null && !value.isBlank();
    }

    private String yes(String property) {
        return set(property) ? "set" : "not set";
    }
}
