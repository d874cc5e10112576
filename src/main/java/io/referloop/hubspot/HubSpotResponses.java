package io.referloop.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.http.HttpHeaders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Passes HubSpot's successful answers on and turns the others into a {@link HubSpotApiException} that knows how long to wait. */
final class HubSpotResponses {

    private static final long DAILY_LIMIT_WAIT_MILLIS = 3_600_000;

    private HubSpotResponses() {
    }

    /** The body of a 2xx answer; for any other status, the error HubSpot describes. */
    static byte[] check(ObjectMapper json, int status, HttpHeaders headers, byte[] bytes) {
        if (status >= 200 && status < 300) {
            return bytes;
        }
        JsonNode body = parse(json, bytes);
        String category = text(body, "category").or(() -> text(body, "errorType")).orElse(null);
        String message = text(body, "message").orElse(new String(bytes, StandardCharsets.UTF_8));
        throw new HubSpotApiException(status, category, message, waitMillis(status, body, headers), null);
    }

    private static long waitMillis(int status, JsonNode body, HttpHeaders headers) {
        Optional<Long> retryAfter = header(headers, "Retry-After").flatMap(HubSpotResponses::number);
        if (retryAfter.isPresent()) {
            return retryAfter.get() * 1000;
        }
        if (status == 429) {
            if ("DAILY".equals(text(body, "policyName").orElse(""))) {
                return DAILY_LIMIT_WAIT_MILLIS;
            }
            return header(headers, "X-HubSpot-RateLimit-Interval-Milliseconds")
                    .flatMap(HubSpotResponses::number).orElse(10_000L);
        }
        if (status == 423) {
            return 2_000;
        }
        return 0;
    }

    private static Optional<String> header(HttpHeaders headers, String name) {
        return Optional.ofNullable(headers.getFirst(name));
    }

    private static Optional<Long> number(String value) {
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode body, String field) {
        return body != null && body.hasNonNull(field) ? Optional.of(body.get(field).asText()) : Optional.empty();
    }

    private static JsonNode parse(ObjectMapper json, byte[] body) {
        if (body == null || body.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
