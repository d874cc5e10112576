package io.referloop.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The users of the portal, as the Users API (user provisioning) shows them: {@code GET /settings/v3/users/{userId}}
 * answers {@code {id, email, roleIds, primaryTeamId, secondaryTeamIds, superAdmin}}, and 404 for an id the portal
 * has no user for. Users get numeric ids, as in HubSpot.
 */
final class FakeHubSpotUsers {

    private final Map<String, String> emails = new LinkedHashMap<>();
    private long nextId = 9_100_001L;

    String add(String email) {
        String id = Long.toString(nextId++);
        emails.put(id, email);
        return id;
    }

    FakeReply handle(String method, List<String> rest) {
        if (!method.equals("GET") || rest.size() != 1) {
            throw FakeHubSpotError.notFound("No route for " + method + " /settings/v3/users/" + String.join("/", rest));
        }
        String id = rest.get(0);
        String email = emails.get(id);
        if (email == null) {
            throw FakeHubSpotError.notFound("No user with id " + id);
        }
        ObjectNode user = FakeJson.object();
        user.put("id", id);
        user.put("email", email);
        user.putArray("roleIds");
        user.putArray("secondaryTeamIds");
        user.put("superAdmin", false);
        return FakeReply.ok(user);
    }
}
