package io.referloop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /orders} and {@code GET /orders/{referenceOrderID}}, with Tango's idempotency: one order per
 * {@code externalRefID} and account; a new one is 201, an existing one is 200 with the ORIGINAL order even when
 * the item differs. Not thread-safe: the router locks.
 */
final class FakeTangoOrders implements GiftCardFake.Orders {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");

    private final Map<String, ObjectNode> byAccountAndRef = new HashMap<>();
    private final Map<String, ObjectNode> byId = new LinkedHashMap<>();
    private final List<String> externalRefIds = new ArrayList<>();
    private final List<String> recipientEmails = new ArrayList<>();
    private int sequence;

    @Override
    public FakeReply create(String body) {
        ObjectNode request = FakeJson.parseObject(body, FakeTangoError::invalidBody);
        validate(request);
        String account = FakeJson.text(request, "accountIdentifier");
        String ref = FakeJson.text(request, "externalRefID");
        if (ref != null) {
            ObjectNode existing = byAccountAndRef.get(account + '\u0000' + ref);
            if (existing != null) {
                return new FakeReply(200, existing.deepCopy());
            }
        }
        ObjectNode order = place(request);
        byId.put(order.get("referenceOrderID").asText(), order);
        if (ref != null) {
            byAccountAndRef.put(account + '\u0000' + ref, order);
        }
        externalRefIds.add(ref);
        recipientEmails.add(FakeJson.text(request.path("recipient"), "email"));
        return new FakeReply(201, order.deepCopy());
    }

    @Override
    public FakeReply get(String referenceOrderId) {
        ObjectNode order = byId.get(referenceOrderId);
        if (order == null) {
            throw FakeTangoError.notFound("Order " + referenceOrderId + " not found");
        }
        return new FakeReply(200, order.deepCopy());
    }

    /** One entry per order created; null for an order placed without an externalRefID. */
    @Override
    public List<String> externalIds() {
        return Collections.unmodifiableList(new ArrayList<>(externalRefIds));
    }

    @Override
    public List<String> recipientEmails() {
        return Collections.unmodifiableList(new ArrayList<>(recipientEmails));
    }

    @Override
    public int count() {
        return byId.size();
    }

    private ObjectNode place(ObjectNode request) {
        sequence++;
        String day = LocalDate.now(ZoneOffset.UTC).format(DAY);
        String id = String.format("RA%s-%04d-%02d", day, 1000 + sequence / 100, sequence % 100);
        BigDecimal amount = request.get("amount").decimalValue();
        amount = amount.setScale(Math.max(2, amount.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY);

        ObjectNode order = FakeJson.object();
        order.put("referenceOrderID", id);
        order.put("referenceLineItemID", String.format("LI%s-%06d", day, sequence));
        if (FakeJson.text(request, "externalRefID") != null) {
            order.put("externalRefID", request.get("externalRefID").asText());
        }
        order.put("customerIdentifier", request.get("customerIdentifier").asText());
        order.put("accountIdentifier", request.get("accountIdentifier").asText());
        ObjectNode charged = order.putObject("amountCharged");
        charged.put("value", amount);
        charged.put("currencyCode", "USD");
        charged.put("total", amount);
        ObjectNode denomination = order.putObject("denomination");
        denomination.put("value", amount);
        denomination.put("currencyCode", "USD");
        order.put("utid", request.get("utid").asText());
        order.put("rewardName", "Fake Gift Card");
        JsonNode recipient = request.path("recipient");
        if (recipient.isObject()) {
            order.set("recipient", recipient.deepCopy());
        }
        if (request.path("sender").isObject()) {
            order.set("sender", request.get("sender").deepCopy());
        }
        order.put("sendEmail", request.path("sendEmail").asBoolean(false));
        if (FakeJson.text(request, "message") != null) {
            order.put("message", request.get("message").asText());
        }
        order.put("status", "COMPLETE");
        order.put("createdAt", FakeJson.timestampNow());
        ObjectNode reward = order.putObject("reward");
        ArrayNode credentials = reward.putArray("credentialList");
        ObjectNode link = credentials.addObject();
        link.put("type", "url");
        link.put("label", "Redemption Link");
        link.put("value", "https://sandbox.rewardlink.io/r/1/" + UUID.randomUUID().toString().replace("-", ""));
        link.put("credentialType", "redemptionUrl");
        reward.put("redemptionInstructions", "Follow the redemption link to claim your reward.");
        return order;
    }

    private static void validate(ObjectNode request) {
        FakeTangoError error = FakeTangoError.validation("Validation failed");
        String customer = FakeJson.text(request, "customerIdentifier");
        if (customer == null || customer.length() < 5 || customer.length() > 100) {
            error.withError("customerIdentifier", "Size", "customerIdentifier is required, 5 to 100 characters");
        }
        if (FakeJson.text(request, "accountIdentifier") == null) {
            error.withError("accountIdentifier", "NotNull", "accountIdentifier is required");
        }
        if (FakeJson.text(request, "utid") == null) {
            error.withError("utid", "NotNull", "utid is required");
        }
        JsonNode amount = request.path("amount");
        if (!amount.isNumber() || amount.decimalValue().signum() <= 0) {
            error.withError("amount", "DecimalMin", "amount must be a number greater than 0");
        }
        JsonNode sendEmail = request.path("sendEmail");
        if (!sendEmail.isBoolean()) {
            error.withError("sendEmail", "NotNull", "sendEmail is required (true or false)");
        }
        String email = FakeJson.text(request.path("recipient"), "email");
        if (sendEmail.asBoolean(false) && (email == null || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
            error.withError("recipient.email", "Email", "recipient.email must be a valid address when sendEmail is true");
        }
        JsonNode ref = request.get("externalRefID");
        if (ref != null && !ref.isNull() && (!ref.isTextual() || !ref.asText().matches("[A-Za-z0-9-]{1,100}"))) {
            error.withError("externalRefID", "Pattern", "externalRefID must be 1 to 100 letters, digits or dashes");
        }
        if (error.hasErrors()) {
            throw error;
        }
    }
}
