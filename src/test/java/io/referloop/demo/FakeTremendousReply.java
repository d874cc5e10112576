package io.referloop.demo;

import com.fasterxml.jackson.databind.JsonNode;

/** A status and a JSON body, before the router renders it (and perhaps delays or drops it). */
record FakeTremendousReply(int status, JsonNode body) {
}
