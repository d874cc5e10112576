package io.referloop.demo;

import com.fasterxml.jackson.databind.JsonNode;

/** A status and a JSON body (null for none), before the fake's router renders it (and perhaps delays or drops it). */
record FakeReply(int status, JsonNode body) {

    static FakeReply ok(JsonNode body) {
        return new FakeReply(200, body);
    }

    static FakeReply created(JsonNode body) {
        return new FakeReply(201, body);
    }
}
