package io.referloop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Associations v4: {@code POST /crm/v4/associations/{from}/{to}/batch/read} and the default-association
 * {@code PUT}. Associations are kept in both directions, as HubSpot shows them.
 */
final class FakeHubSpotAssociations {

    private final Map<String, Set<String>> links = new HashMap<>();

    void associate(FakeHubSpotType from, String fromId, FakeHubSpotType to, String toId) {
        links.computeIfAbsent(key(from, fromId, to), k -> new LinkedHashSet<>()).add(toId);
        links.computeIfAbsent(key(to, toId, from), k -> new LinkedHashSet<>()).add(fromId);
    }

    /** {@code rest}: the path after /crm/v4. */
    FakeHubSpotReply handle(String method, List<String> rest, String body) {
        if (method.equals("POST") && rest.size() == 5 && rest.get(0).equals("associations")
                && rest.get(3).equals("batch") && rest.get(4).equals("read")) {
            return batchRead(type(rest.get(1)), type(rest.get(2)), body);
        }
        if (method.equals("PUT") && rest.size() == 7 && rest.get(0).equals("objects")
                && rest.get(3).equals("associations") && rest.get(4).equals("default")) {
            associate(type(rest.get(1)), rest.get(2), type(rest.get(5)), rest.get(6));
            ObjectNode answer = FakeHubSpotJson.object();
            answer.put("status", "COMPLETE");
            return new FakeHubSpotReply(200, answer);
        }
        throw FakeHubSpotError.notFound("No route for " + method + " /crm/v4/" + String.join("/", rest));
    }

    private FakeHubSpotReply batchRead(FakeHubSpotType from, FakeHubSpotType to, String body) {
        JsonNode inputs = FakeHubSpotJson.parseObject(body).path("inputs");
        if (!inputs.isArray()) {
            throw FakeHubSpotError.validation("inputs is required");
        }
        if (inputs.size() > 1000) {
            throw FakeHubSpotError.validation("Batch input size must be at most 1000, was " + inputs.size());
        }
        ObjectNode answer = FakeHubSpotJson.object();
        answer.put("status", "COMPLETE");
        ArrayNode results = answer.putArray("results");
        for (JsonNode input : inputs) {
            String id = input.path("id").asText();
            Set<String> targets = links.getOrDefault(key(from, id, to), Set.of());
            if (targets.isEmpty()) {
                continue;
            }
            ObjectNode result = results.addObject();
            result.putObject("from").put("id", id);
            ArrayNode toArray = result.putArray("to");
            for (String target : targets) {
                ObjectNode t = toArray.addObject();
                t.put("toObjectId", Long.parseLong(target));
                ObjectNode typeNode = t.putArray("associationTypes").addObject();
                typeNode.put("category", "HUBSPOT_DEFINED");
                typeNode.put("typeId", typeId(from, to));
                typeNode.putNull("label");
            }
        }
        return new FakeHubSpotReply(200, answer);
    }

    private static int typeId(FakeHubSpotType from, FakeHubSpotType to) {
        if (from == FakeHubSpotType.DEALS && to == FakeHubSpotType.CONTACTS) {
            return 3;
        }
        if (from == FakeHubSpotType.DEALS && to == FakeHubSpotType.COMPANIES) {
            return 341;
        }
        if (from == FakeHubSpotType.CONTACTS && to == FakeHubSpotType.DEALS) {
            return 4;
        }
        return 1;
    }

    private static FakeHubSpotType type(String name) {
        return FakeHubSpotType.fromPath(name).orElseThrow(() ->
                FakeHubSpotError.validation("Unable to infer object type from: " + name));
    }

    private static String key(FakeHubSpotType from, String id, FakeHubSpotType to) {
        return from.pathName() + ":" + id + ":" + to.pathName();
    }
}
