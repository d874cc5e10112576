package io.referloop.demo;

import com.fasterxml.jackson.databind.JsonNode;

/** A status and a JSON body (null for none), before the router adds headers. */
record FakeSalesforceReply(int status, JsonNode body) {

    static FakeSalesforceReply ok(JsonNode body) {
        return new FakeSalesforceReply(200, body);
    }
}
