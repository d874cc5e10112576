package io.referloop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code POST /orders} and {@code GET /orders/{id}}, with Tremendous's idempotency on {@code external_id}:
 * a new key is 200, the same key with the same payload is 201 and the existing order, the same key with a
 * different payload is 409. Not thread-safe: the router locks.
 */
final class FakeTremendousOrders implements GiftCardFake.Orders {

    private static final Set<String> DELIVERY_METHODS = Set.of("EMAIL", "LINK", "PHONE");
    private static final String ID_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /** One placed order: the fingerprint of the request that made it, and its JSON as answered. */
    private record Order(String id, String externalId, String fingerprint, ObjectNode json) {
    }

    private final Map<String, Order> byExternalId = new HashMap<>();
    private final Map<String, Order> byId = new LinkedHashMap<>();
    private final List<String> externalIds = new ArrayList<>();
    private final List<String> recipientEmails = new ArrayList<>();

    @Override
    public FakeReply create(String body) {
        ObjectNode request = FakeJson.parseObject(body, FakeTremendousError::invalidBody);
        validate(request);
        String externalId = FakeJson.text(request, "external_id");
        String fingerprint = FakeTremendousJson.canonical(request);
        Order existing = byExternalId.get(externalId);
        if (existing != null) {
            if (existing.fingerprint().equals(fingerprint)) {
                return new FakeReply(201, wrap(existing));
            }
            ObjectNode payload = FakeJson.object();
            payload.put("external_id", externalId);
            throw FakeTremendousError.conflict("An order with external_id " + externalId
                    + " already exists with different parameters (order " + existing.id() + ")", payload);
        }
        Order order = place(externalId, fingerprint, request);
        byExternalId.put(externalId, order);
        byId.put(order.id(), order);
        externalIds.add(externalId);
        recipientEmails.add(FakeJson.text(request.path("reward").path("recipient"), "email"));
        return new FakeReply(200, wrap(order));
    }

    @Override
    public FakeReply get(String id) {
        Order order = byId.get(id);
        if (order == null) {
            throw FakeTremendousError.notFound("Order " + id + " not found");
        }
        return new FakeReply(200, wrap(order));
    }

    @Override
    public List<String> externalIds() {
        return List.copyOf(externalIds);
    }

    @Override
    public List<String> recipientEmails() {
        return new ArrayList<>(recipientEmails);
    }

    @Override
    public int count() {
        return byId.size();
    }

    private static Order place(String externalId, String fingerprint, ObjectNode request) {
        JsonNode reward = request.path("reward");
        BigDecimal denomination = money(reward.path("value").path("denomination").decimalValue());
        String currency = reward.path("value").path("currency_code").asText();
        String id = "ORD" + randomId(10);
        String createdAt = FakeJson.timestampNow();

        ObjectNode order = FakeJson.object();
        order.put("id", id);
        order.put("external_id", externalId);
        if (FakeJson.text(reward, "campaign_id") != null) {
            order.put("campaign_id", reward.get("campaign_id").asText());
        }
        order.put("created_at", createdAt);
        order.put("status", "EXECUTED");
        ObjectNode payment = order.putObject("payment");
        payment.put("subtotal", denomination);
        payment.put("total", denomination);
        payment.put("fees", money(BigDecimal.ZERO));
        ArrayNode rewards = order.putArray("rewards");
        ObjectNode item = rewards.addObject();
        item.put("id", "REW" + randomId(10));
        item.put("order_id", id);
        item.put("created_at", createdAt);
        ObjectNode value = item.putObject("value");
        value.put("denomination", denomination);
        value.put("currency_code", currency);
        ObjectNode recipient = item.putObject("recipient");
        recipient.put("name", reward.path("recipient").path("name").asText(""));
        recipient.put("email", reward.path("recipient").path("email").asText());
        ObjectNode delivery = item.putObject("delivery");
        delivery.put("method", reward.path("delivery").path("method").asText("EMAIL"));
        delivery.put("status", "SCHEDULED");
        return new Order(id, externalId, fingerprint, order);
    }

    /** Collects every problem, then answers one 400 whose payload mirrors the offending fields. */
    private static void validate(ObjectNode request) {
        ObjectNode payload = FakeJson.object();
        List<String> problems = new ArrayList<>();
        if (FakeJson.text(request, "external_id") == null) {
            problem(payload, problems, "external_id", "is required");
        }
        if (FakeJson.text(request.path("payment"), "funding_source_id") == null) {
            problem(payload, problems, "payment.funding_source_id", "is required");
        }
        JsonNode reward = request.path("reward");
        if (!reward.isObject()) {
            problem(payload, problems, "reward", "is required");
        } else {
            JsonNode denomination = reward.path("value").path("denomination");
            if (!denomination.isNumber() || denomination.decimalValue().signum() <= 0) {
                problem(payload, problems, "reward.value.denomination", "must be a number greater than 0");
            }
            String currency = FakeJson.text(reward.path("value"), "currency_code");
            if (currency == null || !currency.matches("[A-Z]{3}")) {
                problem(payload, problems, "reward.value.currency_code", "must be an ISO 4217 code such as USD");
            }
            String email = FakeJson.text(reward.path("recipient"), "email");
            if (email == null || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                problem(payload, problems, "reward.recipient.email", "must be a valid email address");
            }
            boolean products = reward.path("products").isArray() && !reward.path("products").isEmpty();
            if (!products && FakeJson.text(reward, "campaign_id") == null) {
                problem(payload, problems, "reward.products", "either products or campaign_id is required");
            }
            String method = FakeJson.text(reward.path("delivery"), "method");
            if (method != null && !DELIVERY_METHODS.contains(method)) {
                problem(payload, problems, "reward.delivery.method", "must be one of EMAIL, LINK, PHONE");
            }
        }
        if (!problems.isEmpty()) {
            throw FakeTremendousError.badRequest("Validation failed: " + String.join("; ", problems), payload);
        }
    }

    /** Puts {@code ["message"]} at the dotted path in the payload, building the nesting of the request. */
    private static void problem(ObjectNode payload, List<String> problems, String path, String message) {
        problems.add(path + " " + message);
        String[] parts = path.split("\\.");
        ObjectNode node = payload;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.has(parts[i]) && node.get(parts[i]).isObject()
                    ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
        }
        node.putArray(parts[parts.length - 1]).add(message);
    }

    private static ObjectNode wrap(Order order) {
        ObjectNode body = FakeJson.object();
        body.set("order", order.json().deepCopy());
        return body;
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(Math.max(2, amount.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY);
    }

    private static String randomId(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ID_CHARS.charAt(ThreadLocalRandom.current().nextInt(ID_CHARS.length())));
        }
        return id.toString();
    }
}
