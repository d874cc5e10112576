package io.referloop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.referloop.demo.FakeHubSpotStore.Record;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A minimal CRM search: filter groups (OR of ANDs) with EQ, NEQ, LT, LTE, GT, GTE, BETWEEN, IN, NOT_IN,
 * HAS_PROPERTY, NOT_HAS_PROPERTY; free-text {@code query}; sorts; limit (max 200, default 10); {@code after} paging
 * up to the result window (10,000 in HubSpot): results past it are never returned, and paging to it is a 400.
 * Values compare as numbers when both sides are numbers, ISO dates or epoch milliseconds, else as text ignoring case.
 */
final class FakeHubSpotSearch {

    static final int MAX_LIMIT = 200;
    static final int MAX_GROUPS = 5;
    static final int MAX_FILTERS_PER_GROUP = 6;
    static final int MAX_FILTERS = 18;
    static final int RESULT_WINDOW = 10_000;

    record Page(int total, List<Record> results, String nextAfter) {
    }

    private FakeHubSpotSearch() {
    }

    static Page run(ObjectNode body, Collection<Record> records, int window) {
        int limit = body.path("limit").asInt(10);
        if (limit < 0 || limit > MAX_LIMIT) {
            throw FakeHubSpotError.validation("limit must be between 0 and " + MAX_LIMIT + ", was " + limit)
                    .withError("limit must be at most " + MAX_LIMIT, "limit", "INVALID");
        }
        int after;
        try {
            after = Integer.parseInt(body.path("after").asText("0").isEmpty() ? "0" : body.path("after").asText("0"));
        } catch (NumberFormatException e) {
            throw FakeHubSpotError.validation("after must be a paging cursor, was " + body.path("after"));
        }
        if (after >= window) {
            throw FakeHubSpotError.validation("The search API returns at most " + window + " results for a query; "
                    + "after must be below " + window + ", was " + after)
                    .withError("after must be below " + window, "after", "INVALID");
        }
        Predicate<Record> match = filterGroups(body.path("filterGroups")).and(query(body.path("query").asText("")));
        List<Record> found = new ArrayList<>(records.stream().filter(match).toList());
        found.sort(order(body.path("sorts")));
        int from = Math.min(Math.max(after, 0), found.size());
        // HubSpot still offers the next cursor at the end of the window; following it is the 400 above
        int to = Math.min(Math.min(from + limit, found.size()), window);
        return new Page(found.size(), found.subList(from, to), to < found.size() ? Integer.toString(to) : null);
    }

    private static Predicate<Record> filterGroups(JsonNode groups) {
        if (!groups.isArray() || groups.isEmpty()) {
            return record -> true;
        }
        int filters = 0;
        Predicate<Record> any = record -> false;
        for (JsonNode group : groups) {
            JsonNode list = group.path("filters");
            filters += list.size();
            if (list.size() > MAX_FILTERS_PER_GROUP) {
                throw FakeHubSpotError.validation("A filter group can have at most " + MAX_FILTERS_PER_GROUP + " filters");
            }
            Predicate<Record> all = record -> true;
            for (JsonNode filter : list) {
                all = all.and(filter(filter));
            }
            any = any.or(all);
        }
        if (groups.size() > MAX_GROUPS || filters > MAX_FILTERS) {
            throw FakeHubSpotError.validation("A search can have at most " + MAX_GROUPS + " filter groups and "
                    + MAX_FILTERS + " filters in total");
        }
        return any;
    }

    private static Predicate<Record> filter(JsonNode filter) {
        String property = FakeJson.text(filter, "propertyName");
        String operator = FakeJson.text(filter, "operator");
        if (property == null || operator == null) {
            throw FakeHubSpotError.validation("A filter needs a propertyName and an operator");
        }
        String value = filter.hasNonNull("value") ? filter.get("value").asText() : null;
        String high = filter.hasNonNull("highValue") ? filter.get("highValue").asText() : null;
        List<String> values = FakeHubSpotJson.strings(filter.get("values"));
        Predicate<String> test = switch (operator.toUpperCase(Locale.ROOT)) {
            case "EQ" -> v -> v != null && value != null && equal(v, value);
            case "NEQ" -> v -> v == null || value == null || !equal(v, value);
            case "LT" -> v -> v != null && value != null && compare(v, value) < 0;
            case "LTE" -> v -> v != null && value != null && compare(v, value) <= 0;
            case "GT" -> v -> v != null && value != null && compare(v, value) > 0;
            case "GTE" -> v -> v != null && value != null && compare(v, value) >= 0;
            case "BETWEEN" -> v -> v != null && value != null && high != null
                    && compare(v, value) >= 0 && compare(v, high) <= 0;
            case "IN" -> v -> v != null && values.stream().anyMatch(x -> equal(v, x));
            case "NOT_IN" -> v -> v == null || values.stream().noneMatch(x -> equal(v, x));
            case "HAS_PROPERTY" -> v -> v != null;
            case "NOT_HAS_PROPERTY" -> v -> v == null;
            default -> throw FakeHubSpotError.validation("The fake HubSpot does not support the operator " + operator);
        };
        return record -> test.test(record.values.get(property));
    }

    private static Predicate<Record> query(String text) {
        if (text.isBlank()) {
            return record -> true;
        }
        String needle = text.toLowerCase(Locale.ROOT);
        return record -> record.values.values().stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains(needle));
    }

    private static Comparator<Record> order(JsonNode sorts) {
        Comparator<Record> byId = Comparator.comparing(record -> new BigDecimal(record.id));
        if (!sorts.isArray() || sorts.isEmpty()) {
            return byId;
        }
        Comparator<Record> order = null;
        for (JsonNode sort : sorts) {
            String property = sort.isTextual() ? sort.asText() : sort.path("propertyName").asText();
            boolean descending = sort.path("direction").asText("ASCENDING").equalsIgnoreCase("DESCENDING");
            Comparator<String> values = FakeHubSpotSearch::compare;
            Comparator<Record> next = Comparator.comparing(record -> record.values.get(property),
                    Comparator.nullsLast(descending ? values.reversed() : values));
            order = order == null ? next : order.thenComparing(next);
        }
        return order.thenComparing(byId);
    }

    static boolean equal(String actual, String expected) {
        Optional<BigDecimal> a = number(actual);
        Optional<BigDecimal> b = number(expected);
        if (a.isPresent() && b.isPresent()) {
            return a.get().compareTo(b.get()) == 0;
        }
        return actual.equalsIgnoreCase(expected);
    }

    static int compare(String actual, String expected) {
        Optional<BigDecimal> a = number(actual);
        Optional<BigDecimal> b = number(expected);
        if (a.isPresent() && b.isPresent()) {
            return a.get().compareTo(b.get());
        }
        return actual.compareToIgnoreCase(expected);
    }

    /** A number, or an ISO instant or date as epoch milliseconds. */
    private static Optional<BigDecimal> number(String value) {
        String v = value.trim();
        try {
            return Optional.of(new BigDecimal(v));
        } catch (NumberFormatException notANumber) {
            try {
                return Optional.of(BigDecimal.valueOf(Instant.parse(v).toEpochMilli()));
            } catch (RuntimeException notAnInstant) {
                try {
                    return Optional.of(BigDecimal.valueOf(
                            LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()));
                } catch (RuntimeException notADate) {
                    return Optional.empty();
                }
            }
        }
    }
}
