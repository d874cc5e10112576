package io.referloop.demo;

import com.fasterxml.jackson.databind.JsonNode;

/** A status and a JSON body, before the router renders it (and perhaps delays or drops it). */
record FakeTangoReply(int status, JsonNode body) {
}
