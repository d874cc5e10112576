package io.referloop.console;

import io.referloop.ingest.RouteFileStates;
import io.referloop.ingest.RouteFolders;
import io.referloop.mapping.LiveMapping;
import io.referloop.mapping.MappingFiles;
import io.referloop.reward.RewardRules;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** A folder of route files as the page names it (absolute, so it says which folder the connector reads). */
    record RouteFolderFiles(String folder, List<String> files) {
    }

    private final Environment env;
    private final MappingFiles mappings;
    private final LiveMapping<RewardRules> rules;
    private final RouteFolders routeFolders;
    private final RouteFileStates routeStates;

    ConsoleSettings(Environment env, MappingFiles mappings, LiveMapping<RewardRules> rules, RouteFolders routeFolders,
                    RouteFileStates routeStates) {
        this.env = env;
        this.mappings = mappings;
        this.rules = rules;
        this.routeFolders = routeFolders;
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

    /** The YAML files of the mappings folder. */
    List<String> mappingFiles() {
        Path dir = mappings.dir();
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

    /** The folders the connector loads route files from, with the files it loads from each. */
    List<RouteFolderFiles> routeFolders() {
        return routeFolders.all().stream()
                .map(f -> new RouteFolderFiles(f.dir() + File.separator, namesOf(f)))
                .toList();
    }

    /** An unreadable folder shows as empty, as an unreadable mappings folder does: the page only reports. */
    private static List<String> namesOf(RouteFolders.RouteFolder folder) {
        try {
            return folder.files().stream().map(p -> p.getFileName().toString()).toList();
        } catch (UncheckedIOException e) {
            return List.of();
        }
    }

    /** Why the last change of each route file was refused (its previous version runs); absent: the file runs as saved. */
    Map<String, String> routeRefusals() {
        Map<String, String> refusals = new TreeMap<>();
        for (RouteFolderFiles folder : routeFolders()) {
            for (String file : folder.files()) {
                routeStates.refusal(file).ifPresent(r -> refusals.put(file, r.reason()));
            }
        }
        return refusals;
    }

    /** How the last change of each mapping file seen while running was taken; absent: as it was at start. */
    Map<String, String> mappingChanges() {
        Map<String, String> changes = new TreeMap<>();
        for (String file : mappingFiles()) {
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
