package io.referloop.demo;

import com.fasterxml.jackson.databind.JsonNode;

/** A status and a JSON body, before the router adds headers. */
record FakeHubSpotReply(int status, JsonNode body) {

    static FakeHubSpotReply ok(JsonNode body) {
        return new FakeHubSpotReply(200, body);
    }

    static FakeHubSpotReply created(JsonNode body) {
        return new FakeHubSpotReply(201, body);
    }
}
