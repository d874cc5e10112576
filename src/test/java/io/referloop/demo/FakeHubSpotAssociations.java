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
 * {@code PUT}. Associations are kept in both directions, as HubSpot shows them. A deal's primary company is
 * read with two association types, the primary one (5, {@code Deal with Primary Company}) and the unlabelled
 * deal-to-company one (341); from the company's side, 6 and 342.
 */
final class FakeHubSpotAssociations {

    private final Map<String, Set<String>> links = new HashMap<>();
    /** Deal id -> its primary company id. */
    private final Map<String, String> primaryCompany = new HashMap<>();

    void associate(FakeHubSpotType from, String fromId, FakeHubSpotType to, String toId) {
        links.computeIfAbsent(key(from, fromId, to), k -> new LinkedHashSet<>()).add(toId);
        links.computeIfAbsent(key(to, toId, from), k -> new LinkedHashSet<>()).add(fromId);
    }

    /** Makes the company the deal's primary one; HubSpot allows one, so a previous primary becomes a plain link. */
    void associatePrimaryCompany(String dealId, String companyId) {
        associate(FakeHubSpotType.DEALS, dealId, FakeHubSpotType.COMPANIES, companyId);
        primaryCompany.put(dealId, companyId);
    }

    /** {@code rest}: the path after /crm/v4. */
    FakeReply handle(String method, List<String> rest, String body) {
        if (method.equals("POST") && rest.size() == 5 && rest.get(0).equals("associations")
                && rest.get(3).equals("batch") && rest.get(4).equals("read")) {
            return batchRead(type(rest.get(1)), type(rest.get(2)), body);
        }
        if (method.equals("PUT") && rest.size() == 7 && rest.get(0).equals("objects")
                && rest.get(3).equals("associations") && rest.get(4).equals("default")) {
            associate(type(rest.get(1)), rest.get(2), type(rest.get(5)), rest.get(6));
            ObjectNode answer = FakeJson.object();
            answer.put("status", "COMPLETE");
            return new FakeReply(200, answer);
        }
        throw FakeHubSpotError.notFound("No route for " + method + " /crm/v4/" + String.join("/", rest));
    }

    private FakeReply batchRead(FakeHubSpotType from, FakeHubSpotType to, String body) {
        JsonNode inputs = FakeJson.parseObject(body, FakeHubSpotError::invalidBody).path("inputs");
        if (!inputs.isArray()) {
            throw FakeHubSpotError.validation("inputs is required");
        }
        if (inputs.size() > 1000) {
            throw FakeHubSpotError.validation("Batch input size must be at most 1000, was " + inputs.size());
        }
        String started = FakeJson.timestampNow();
        ObjectNode answer = FakeJson.object();
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
                ArrayNode types = t.putArray("associationTypes");
                if (isPrimaryCompanyLink(from, id, to, target)) {
                    ObjectNode primaryType = types.addObject();
                    primaryType.put("category", "HUBSPOT_DEFINED");
                    primaryType.put("typeId", from == FakeHubSpotType.DEALS ? 5 : 6);
                    // HubSpot renames labels (this one was "Primary Company" until 2024); clients go by typeId
                    primaryType.put("label", "Deal with Primary Company");
                }
                ObjectNode typeNode = types.addObject();
                typeNode.put("category", "HUBSPOT_DEFINED");
                typeNode.put("typeId", typeId(from, to));
                typeNode.putNull("label");
            }
        }
        answer.put("startedAt", started);
        answer.put("completedAt", FakeJson.timestampNow());
        return new FakeReply(200, answer);
    }

    private boolean isPrimaryCompanyLink(FakeHubSpotType from, String fromId, FakeHubSpotType to, String toId) {
        if (from == FakeHubSpotType.DEALS && to == FakeHubSpotType.COMPANIES) {
            return toId.equals(primaryCompany.get(fromId));
        }
        return from == FakeHubSpotType.COMPANIES && to == FakeHubSpotType.DEALS && fromId.equals(primaryCompany.get(toId));
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
        if (from == FakeHubSpotType.COMPANIES && to == FakeHubSpotType.DEALS) {
            return 342;
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
