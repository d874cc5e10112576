package io.referloop.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/** A polled record version as the inbox keeps it: its deduplication key and its payload. */
final class SalesforceRecordVersion {

    private SalesforceRecordVersion() {
    }

    /**
     * One inbox row per record version. Salesforce stamps to the second, so two versions written within one
     * second share a stamp: the digest of the fields read tells them apart, and a re-read of an unchanged
     * version gives the same key (a duplicate, stored once). The fields are digested in name order: the order
     * they are selected and returned in differs from one run of the connector to the next.
     */
    static String versionKey(String object, String id, String stamp, JsonNode record) {
        Map<String, String> fields = new TreeMap<>();
        record.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("attributes")) {
                fields.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().toString() : "null");
            }
        });
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(fields.toString().getBytes(StandardCharsets.UTF_8));
            return "poll:" + object + ":" + id + ":" + stamp + ":"
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String payload(ObjectMapper json, String object, JsonNode record) {
        ObjectNode payload = json.createObjectNode();
        payload.put("objectType", object);
        ObjectNode fields = payload.putObject("fields");
        record.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("attributes")) {
                fields.set(e.getKey(), e.getValue().isValueNode() ? e.getValue() : json.getNodeFactory().nullNode());
            }
        });
        return payload.toString();
    }
}
